package io.kurobe.linking;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/** Says at start what linking does with the settings it is given, so no setting is ignored silently. */
@ApplicationScoped
public class LinkingStartup {
    private static final Logger LOG = Logger.getLogger(LinkingStartup.class);
    static final String FILTER_ROLE = "kurobe.llm.roles.schema-filter";

    void onStart(@Observes StartupEvent event, Config config, LinkingConfig linking) {
        config.getOptionalValue(FILTER_ROLE, String.class).ifPresent(models -> LOG.warnf(
                "%s names models (%s), but the schema stage does not ask a model to choose columns yet: large schemas"
                        + " are linked by embeddings, named tables and columns and matched values only", FILTER_ROLE, models));
        LOG.infof("schema linking: schemas of at most %d tables and %d columns are linked whole; larger ones keep"
                        + " %d tables by score, %d columns each, joined over at most %d foreign keys",
                linking.fullSchemaMaxTables(), linking.fullSchemaMaxColumns(), linking.maxTables(),
                linking.maxColumnsPerTable(), linking.maxJoinHops());
    }
}
