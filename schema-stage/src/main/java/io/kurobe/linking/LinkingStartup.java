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
        config.getOptionalValue(FILTER_ROLE, String.class).ifPresentOrElse(models -> LOG.infof(
                "schema filter: after retrieval, the %s model(s) %s choose the tables and columns each question needs"
                        + " (keys and join paths are added)", SchemaFilter.ROLE, models),
                () -> LOG.infof("schema filter: no model for role %s (%s), so the retrieval's tables are kept",
                        SchemaFilter.ROLE, FILTER_ROLE));
        LOG.infof("schema linking: schemas of at most %d tables and %d columns are linked whole; larger ones keep"
                        + " %d tables by score, %d columns each, joined over at most %d foreign keys",
                linking.fullSchemaMaxTables(), linking.fullSchemaMaxColumns(), linking.maxTables(),
                linking.maxColumnsPerTable(), linking.maxJoinHops());
    }
}
