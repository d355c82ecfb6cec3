package io.kurobe.linking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Words of English as the embedding model knows them: the whole-word entries (about 22,500) of all-MiniLM-L6-v2's
 * WordPiece vocabulary, read from the tokenizer that ships in the model's jar. A question word found here is a word
 * the asker meant, not a typo of a value: "whereas" is never read as "Wheres", while "calfornia" is no word here.
 */
final class EnglishWords {
    private static final Logger LOG = Logger.getLogger(EnglishWords.class);
    static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
    private static final Set<String> WORDS = load();

    private EnglishWords() {
    }

    static boolean contains(String word) {
        return WORDS.contains(word);
    }

    static int size() {
        return WORDS.size();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = EnglishWords.class.getResourceAsStream(TOKENIZER)) {
            if (in == null) {
                LOG.warnf("%s is not on the class path: fuzzy value matching cannot tell English words from typos"
                        + " and reads only the common words it lists", TOKENIZER);
                return Set.of();
            }
            try (JsonParser parser = new JsonFactory().createParser(in)) {
                // {"model": {"vocab": {"[PAD]": 0, "the": 1996, "##s": 2015, ...}}}
                boolean inModel = false;
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token == JsonToken.FIELD_NAME && parser.getParsingContext().getParent().inRoot()) {
                        inModel = parser.currentName().equals("model");
                    } else if (token == JsonToken.FIELD_NAME && inModel && parser.currentName().equals("vocab")
                            && parser.nextToken() == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String entry = parser.currentName();
                            parser.nextToken();
                            if (entry.length() > 1 && entry.chars().allMatch(Character::isLetter)) {
                                words.add(entry);
                            }
                        }
                        return Set.copyOf(words);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not read %s (%s): fuzzy value matching reads only the common words it lists", TOKENIZER,
                    e.getMessage());
        }
        return Set.copyOf(words);
    }
}
