package dev.journeyconnector.pull;

import java.util.Map;
import java.util.Optional;

/** Where a pull consumer reads the cursor it resumes from. The store-raw stage moves it. */
public interface PullCursors {
    Optional<Map<String, Object>> cursor(String source, String objectType);
}
