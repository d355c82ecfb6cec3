package io.kurobe.intent;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The offline rules' view of text that is not a question about data: nonsense (no letters, a
 * key held down, Latin letters without a vowel) and plain small talk or requests for something
 * else (greetings, thanks, jokes, poems, the weather). Conservative on purpose: anything that
 * might be about data passes, and text in scripts without Latin vowels is never called nonsense.
 */
final class NotAboutData {
    enum Kind { NONSENSE, OUT_OF_SCOPE }

    private static final Pattern HAS_LETTER = Pattern.compile("\\p{L}");
    private static final Pattern ONLY_ASCII = Pattern.compile("[\\p{ASCII}]+");
    private static final Pattern VOWEL = Pattern.compile("[aeiouy]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ONE_CHAR_REPEATED = Pattern.compile("(?i)^(\\p{L})\\1{3,}$");

    private static final Pattern SMALL_TALK = Pattern.compile("^(?:hi|hello|hey|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening|night)"
            + "|thanks|thank you|thx|cheers|bye|goodbye|see you|ok|okay|cool|nice|great|lol|how are you|how are you doing"
            + "|who are you|what are you|are you (?:a bot|human|there)|test|testing)(?: (?:there|again|so much|very much|kurobe))?$");
    private static final Pattern OTHER_REQUEST = Pattern.compile("^(?:please |can you |could you )?(?:tell me a joke|tell me a story"
            + "|write (?:me )?(?:a |an )?(?:poem|story|song|haiku|essay|email|letter|cover letter)"
            + "|what(?:'s| is) the weather (?:in |today |tomorrow |like |now |$)|what(?:'s| is) the meaning of life|translate |sing )");

    private NotAboutData() {
    }

    static Optional<Kind> find(String question) {
        if (!HAS_LETTER.matcher(question).find()) {
            return Optional.of(Kind.NONSENSE);
        }
        String words = question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").strip().replaceAll("\\s+", " ");
        if (ONE_CHAR_REPEATED.matcher(words.replace(" ", "")).matches()
                || (ONLY_ASCII.matcher(words).matches() && !VOWEL.matcher(words).find())) {
            return Optional.of(Kind.NONSENSE);
        }
        if (SMALL_TALK.matcher(words).matches() || OTHER_REQUEST.matcher(words + " ").find()) {
            return Optional.of(Kind.OUT_OF_SCOPE);
        }
        return Optional.empty();
    }
}
