/**
 * Kazakh Cyrillic → the Latin alphabet of 2021 (31 letters: A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P
 * Q R S Ş T U Ū Ü V Y Z), presented by the Government's National Commission on 28 January 2021
 * (KazTAG, Kazinform; table in Wikipedia «Kazakh alphabets», Latin script, January 2021).
 *
 * One Cyrillic letter → one Latin letter for the Kazakh sounds ("one sound, one letter"):
 * ә ä, ғ ğ, қ q, ң ñ, ө ö, ұ ū, ү ü, ш ş, ы y, і ı (dotless), и and й both i (İ), у u, һ and х h.
 * The alphabet has no C, Ç, W or X, so the letters used only in Russian loans are written as Kazakh
 * pronounces them (our documented choice, following the 2021 table): ц → s, ч → ş, щ → ş,
 * ё → io, ю → iu, я → ia, э → e; the hard and soft signs ъ ь are not written.
 * The conversion is not reversible (и/й → i; ш/ч/щ → ş).
 */
export const KK_LATIN_LOWER: Readonly<Record<string, string>> = {
  а: 'a', ә: 'ä', б: 'b', в: 'v', г: 'g', ғ: 'ğ', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z', и: 'i', й: 'i',
  к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'ñ', о: 'o', ө: 'ö', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
  ұ: 'ū', ү: 'ü', ф: 'f', х: 'h', һ: 'h', ц: 's', ч: 'ş', ш: 'ş', щ: 'ş', ъ: '', ы: 'y', і: 'ı', ь: '',
  э: 'e', ю: 'iu', я: 'ia',
};

/**
 * Capitals, written out (never `toUpperCase()`: the capital of i is İ and of ı is I, which no
 * locale-free case mapping gives). A two-letter value is title-cased (Я → İa) in a word that is not
 * all capitals, and all capitals (Я → İA) in one that is (`ЮНЕСКО` → `İUNESKO`).
 */
export const KK_LATIN_UPPER: Readonly<Record<string, string>> = {
  А: 'A', Ә: 'Ä', Б: 'B', В: 'V', Г: 'G', Ғ: 'Ğ', Д: 'D', Е: 'E', Ё: 'İo', Ж: 'J', З: 'Z', И: 'İ', Й: 'İ',
  К: 'K', Қ: 'Q', Л: 'L', М: 'M', Н: 'N', Ң: 'Ñ', О: 'O', Ө: 'Ö', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U',
  Ұ: 'Ū', Ү: 'Ü', Ф: 'F', Х: 'H', Һ: 'H', Ц: 'S', Ч: 'Ş', Ш: 'Ş', Щ: 'Ş', Ъ: '', Ы: 'Y', І: 'I', Ь: '',
  Э: 'E', Ю: 'İu', Я: 'İa',
};

/** All-capitals forms of the two-letter values. */
export const KK_LATIN_ALL_CAPS: Readonly<Record<string, string>> = { Ё: 'İO', Ю: 'İU', Я: 'İA' };

/** The letters of the 2021 alphabet beyond ASCII: one of them shows a text is Kazakh Latin. */
export const KAZAKH_LATIN_LETTER = /[äğıñöqūüşÄĞİÑÖQŪÜŞ]/u;
