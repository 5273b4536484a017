// Starts one embedded OpenSearch node from the official jars on the classpath
// (resolved by pom.xml beside this file). Run by scripts/services/opensearch.sh as
//   java -cp <classpath> -Dlauncher.home=<dir> -Dlauncher.pidfile=<file> OpenSearchLauncher.java
// Settings come from <home>/config/opensearch.yml (written by the script).
//
// Like a distribution, the node is built by org.opensearch.node.Node, with the modules
// a distribution keeps under modules/ given as classpath plugins instead. The
// distribution's Bootstrap is not used, so neither its production bootstrap checks
// (vm.max_map_count, file descriptors, ...) nor its refusal to run as root apply: this
// is a single-node development server bound to 127.0.0.1.

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

public class OpenSearchLauncher {

    // Every module the pom may bring; those whose jar is not on the classpath are skipped.
    private static final String[] PLUGIN_CLASSES = {
        "org.opensearch.transport.Netty4Plugin", // HTTP + transport (required)
        "org.opensearch.analysis.common.CommonAnalysisPlugin", // english stemmer, synonyms, shingle...
        "org.opensearch.painless.PainlessPlugin",
        "org.opensearch.index.mapper.MapperExtrasPlugin",
        "org.opensearch.index.reindex.ReindexPlugin",
        "org.opensearch.script.mustache.MustachePlugin",
        "org.opensearch.join.ParentJoinPlugin",
        "org.opensearch.percolator.PercolatorPlugin",
        "org.opensearch.ingest.common.IngestCommonPlugin",
        "org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin",
        "org.opensearch.index.rankeval.RankEvalPlugin",
    };

    static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(System.getProperty("launcher.home")).toAbsolutePath();
        Path config = home.resolve("config");
        String pidFile = System.getProperty("launcher.pidfile");
        if (pidFile != null) {
            Files.writeString(Paths.get(pidFile), ProcessHandle.current().pid() + "\n");
        }
        Files.createDirectories(home.resolve("modules"));
        Files.createDirectories(home.resolve("plugins"));

        Settings input = Settings.builder().put("path.home", home.toString()).build();
        Environment environment =
            InternalSettingsPreparer.prepareEnvironment(input, Collections.emptyMap(), config, () -> "node-1");
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(environment.settings()));
        LogConfigurator.configure(environment);
        Logger logger = LogManager.getLogger("launcher");

        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String name : PLUGIN_CLASSES) {
            try {
                plugins.add(Class.forName(name).asSubclass(Plugin.class));
            } catch (ClassNotFoundException absent) {
                logger.debug("plugin class {} is not on the classpath", name);
            }
        }
        logger.info("classpath plugins: {}", plugins.stream().map(Class::getSimpleName).toList());

        CountDownLatch stopped = new CountDownLatch(1);
        Node node = new EmbeddedNode(environment, plugins);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                logger.info("stopping");
                node.close();
                if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                    logger.warn("node did not close within 30s");
                }
                logger.info("stopped");
            } catch (Exception e) {
                logger.error("error while stopping", e);
            } finally {
                LogManager.shutdown();
                stopped.countDown();
            }
        }, "launcher-shutdown"));

        try {
            node.start();
        } catch (Throwable e) {
            logger.error("node failed to start", e);
            System.exit(1);
        }
        logger.info("started");
        stopped.await(); // the node's own threads are daemons: keep the JVM alive
    }
}
