package launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import launcher.browser.BrowserAssets;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.server.CommunityBootstrapper;
import org.neo4j.server.NeoBootstrapper;
import picocli.CommandLine;

/**
 * Runs a real Neo4j Community server (the same bootstrapper as {@code neo4j console}) for
 * development and tests, without Docker or a Neo4j distribution.
 *
 * <pre>
 * java -Xmx512m [JVM options] -cp "target/classes:target/lib/*" launcher.Launcher \
 *     --data-dir DIR --bolt-port 7687 --http-port 7474 [--page-cache 64m] [--watch-stdin] \
 *     [--password-file FILE] [--browser-assets DIR]
 * </pre>
 *
 * It writes {@code DIR/home/conf/neo4j.conf}, starts the server with {@code DIR/home} as its
 * home (databases in {@code DIR/home/data}, Neo4j's own logs in {@code DIR/home/logs}) and
 * prints one line once Bolt and HTTP accept connections:
 *
 * <pre>NEO4J READY bolt://127.0.0.1:7687 http://127.0.0.1:7474</pre>
 *
 * <p>Without {@code --password-file} authentication is off (development and tests). With it,
 * it is on and user {@code neo4j} has the file's password: set before the very first start as
 * {@code neo4j-admin dbms set-initial-password} does, and on later starts changed to it when
 * the file holds a new one.
 *
 * <p>Neo4j Browser gets no content from other hosts (a Content-Security-Policy that allows
 * only this server), and, with {@code --browser-assets}, loads the folder's {@code
 * browser-style.grass} and {@code guide.html} on connect (served at {@code /browser-assets/}).
 *
 * SIGTERM or SIGINT stop it cleanly: the bootstrapper's signal handlers exit the JVM, and its
 * shutdown hook shuts the databases down (checkpoint, close the store) first. With
 * {@code --watch-stdin} it also stops when its standard input closes, so that it does not
 * outlive a parent process that was killed without a chance to stop it.
 */
public final class Launcher {
  /** The files of --browser-assets that Browser loads on connect (src/neo4j/browser-assets.ts). */
  static final String STYLE_FILE = "browser-style.grass";

  static final String GUIDE_FILE = "guide.html";

  /** How Neo4j words its refusal to "change" a password to itself (ALTER USER). */
  private static final String SAME_PASSWORD = "Old password and new password cannot be the same";

  private Launcher() {}

  public static void main(String[] args) throws IOException {
    // Keep the real stdout: the server may redirect System.out into its own log.
    PrintStream stdout =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("launcher: " + e.getMessage());
      System.err.println(
          "usage: launcher.Launcher --data-dir DIR --bolt-port N --http-port N"
              + " [--page-cache SIZE] [--watch-stdin] [--password-file FILE]"
              + " [--browser-assets DIR]");
      System.exit(2);
      return;
    }

    Path home = options.dataDir.toAbsolutePath().resolve("home");
    Path confFile = home.resolve("conf").resolve("neo4j.conf");
    Files.createDirectories(confFile.getParent());
    Files.createDirectories(home.resolve("plugins"));
    if (options.browserAssets != null) {
      BrowserAssets.load(options.browserAssets);
    }
    Files.writeString(confFile, neo4jConf(options));

    String password = options.passwordFile == null ? null : readPassword(options.passwordFile);
    if (password != null && password.isEmpty()) {
      System.err.println("launcher: the password file " + options.passwordFile + " is empty");
      System.exit(2);
    }
    // The system database holds the users; before it exists, the initial password is a file
    // that the first start reads, so that no moment passes with the default password.
    boolean firstStart =
        !Files.isDirectory(home.resolve("data").resolve("databases").resolve("system"));
    if (password != null && firstStart) {
      setInitialPassword(home, confFile.getParent(), password);
    }

    // As `neo4j console`: no command expansion in the config, not daemon mode (daemon mode
    // closes stdout and moves the user log to a file).
    NeoBootstrapper bootstrapper = new CommunityBootstrapper();
    int status = bootstrapper.start(home, confFile, Map.of(), false, false);
    if (status != NeoBootstrapper.OK) {
      System.err.println("launcher: Neo4j failed to start (status " + status + ")");
      System.exit(status);
    }
    if (password != null && !firstStart) {
      try {
        changePassword(bootstrapper.getDatabaseManagementService(), password);
      } catch (RuntimeException e) {
        System.err.println("launcher: could not set the password of user neo4j: " + e.getMessage());
        System.exit(1); // runs the bootstrapper's shutdown hook
      }
    }
    stdout.printf(
        "NEO4J READY bolt://127.0.0.1:%d http://127.0.0.1:%d%n",
        options.boltPort, options.httpPort);

    if (options.watchStdin) {
      Thread watcher = new Thread(Launcher::exitWhenStdinCloses, "stdin-watcher");
      watcher.setDaemon(true);
      watcher.start();
    }
    // The server's non-daemon threads keep the JVM running until a signal or System.exit.
  }

  private static void exitWhenStdinCloses() {
    try (InputStream in = System.in) {
      byte[] buffer = new byte[256];
      while (in.read(buffer) >= 0) {
        // Ignore input; only its end matters.
      }
    } catch (IOException ignored) {
      // A broken pipe means the same as end of input.
    }
    System.exit(0); // runs the bootstrapper's shutdown hook
  }

  /** The password: the file's first line (a trailing newline is no part of it). */
  static String readPassword(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
  }

  /**
   * What {@code neo4j-admin dbms set-initial-password} does, with its own command: writes the
   * initial user file ({@code data/dbms/auth.ini}) that the first start turns into user {@code
   * neo4j} with this password (no change required). It refuses a password shorter than {@code
   * dbms.security.auth_minimum_password_length} (8).
   */
  private static void setInitialPassword(Path home, Path confDir, String password) {
    ExecutionContext context =
        new ExecutionContext(
            home, confDir, new PrintStream(OutputStream.nullOutputStream()), System.err,
            new DefaultFileSystemAbstraction());
    CommandLine command = new CommandLine(new SetInitialPasswordCommand(context));
    command.setExpandAtFiles(false); // a password may start with @
    int status = command.execute("--", password); // or with -
    if (status != 0) {
      System.err.println("launcher: could not set the initial password (see above)");
      System.exit(status);
    }
  }

  /**
   * Gives user {@code neo4j} this password when it has another one (the file was replaced, or
   * the data folder ran without authentication before). Through the embedded system database,
   * which needs no login, so the old password need not be known.
   */
  private static void changePassword(DatabaseManagementService dbms, String password) {
    try {
      dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              Map.of("password", password));
    } catch (QueryExecutionException e) {
      // Neo4j refuses to "change" a password to itself: then it is right already (the usual
      // case). Asking first would need a login, which counts as a failed one when it differs.
      if (!e.getMessage().contains(SAME_PASSWORD)) {
        throw e;
      }
    }
  }

  static String neo4jConf(Options options) {
    int boltPort = options.boltPort;
    int httpPort = options.httpPort;
    String assetsUrl = "http://127.0.0.1:" + httpPort + "/browser-assets/";
    List<String> postConnect = new ArrayList<>();
    if (BrowserAssets.has(STYLE_FILE)) {
      postConnect.add("style " + assetsUrl + STYLE_FILE);
    }
    if (BrowserAssets.has(GUIDE_FILE)) {
      postConnect.add("guide " + assetsUrl + GUIDE_FILE);
    }
    return String.join(
        "\n",
        "# Generated by tools/neo4j Launcher on every start; edits are overwritten.",
        "",
        "# Every connector listens on the loopback interface only: nothing outside this machine",
        "# can reach it. Authentication is on when the launcher has a password file (production),",
        "# off otherwise (a development and test database).",
        "dbms.security.auth_enabled=" + (options.passwordFile != null),
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        "server.bolt.enabled=true",
        "server.bolt.listen_address=127.0.0.1:" + boltPort,
        "server.bolt.advertised_address=127.0.0.1:" + boltPort,
        "server.http.enabled=true",
        "server.http.listen_address=127.0.0.1:" + httpPort,
        "server.http.advertised_address=127.0.0.1:" + httpPort,
        "server.https.enabled=false",
        "",
        "# Small footprint by default (--page-cache 64m): the heap is set on the java command",
        "# line (-Xms/-Xmx); bigger graphs (the benchmark's) ask for more of both.",
        "server.memory.pagecache.size=" + options.pageCache,
        "db.tx_log.rotation.size=16m",
        "db.tx_log.rotation.retention_policy=2 files",
        "",
        "# No usage data reporting, by the server or by Neo4j Browser.",
        "dbms.usage_report.enabled=false",
        "client.allow_telemetry=false",
        "",
        "# Neo4j Browser loads nothing from other hosts. Community has no",
        "# browser.allow_outgoing_connections (an Enterprise setting; Browser ignores it on",
        "# Community and loads canny.io and Segment scripts): this policy, which Neo4j sends with",
        "# Browser's files, makes the web browser refuse every request to another host.",
        "dbms.security.http_static_content_security_policy_header=" + contentSecurityPolicy(options),
        "# The style and guide (served by launcher.browser.BrowserAssets; public like /browser,",
        "# as dbms.security.http_auth_allowlist's default /browser.* covers /browser-assets).",
        "server.unmanaged_extension_classes=launcher.browser=/browser-assets",
        "browser.remote_content_hostname_whitelist=127.0.0.1,localhost",
        "browser.post_connect_cmd=" + String.join("; ", postConnect),
        "",
        "# The databases are checkpointed and closed before Bolt stops; Netty's default quiet",
        "# period (5 s, twice) would only delay the exit.",
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        "internal.dbms.bolt.netty_server_shutdown_timeout=2s",
        "");
  }

  /**
   * Neo4j's default policy with every other host taken out (Segment, canny.io, Google Fonts,
   * guides.neo4j.com, and any http: or ws: address): Browser may talk to this server's HTTP
   * and Bolt ports, under either loopback name.
   */
  static String contentSecurityPolicy(Options options) {
    String connect =
        String.join(
            " ",
            "'self'",
            "http://127.0.0.1:" + options.httpPort,
            "http://localhost:" + options.httpPort,
            "ws://127.0.0.1:" + options.boltPort,
            "ws://localhost:" + options.boltPort,
            // Browser asks the Bolt port for discovery data over HTTP before it connects.
            "http://127.0.0.1:" + options.boltPort,
            "http://localhost:" + options.boltPort);
    return String.join(
        " ",
        "default-src 'self';",
        "script-src 'self';",
        "img-src 'self' data:;",
        "style-src 'self' 'unsafe-inline';",
        "font-src 'self';",
        "connect-src " + connect + ";",
        "base-uri 'none'; object-src 'none'; frame-ancestors 'none'");
  }

  record Options(
      Path dataDir,
      int boltPort,
      int httpPort,
      String pageCache,
      boolean watchStdin,
      Path passwordFile,
      Path browserAssets) {
    static Options parse(String[] args) {
      Path dataDir = null;
      int boltPort = 7687;
      int httpPort = 7474;
      String pageCache = "64m";
      boolean watchStdin = false;
      Path passwordFile = null;
      Path browserAssets = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
          case "--bolt-port" -> boltPort = port(value(args, ++i, arg), arg);
          case "--http-port" -> httpPort = port(value(args, ++i, arg), arg);
          case "--page-cache" -> pageCache = size(value(args, ++i, arg), arg);
          case "--watch-stdin" -> watchStdin = true;
          case "--password-file" -> passwordFile = Path.of(value(args, ++i, arg));
          case "--browser-assets" -> browserAssets = Path.of(value(args, ++i, arg));
          default -> throw new IllegalArgumentException("unknown argument " + arg);
        }
      }
      if (dataDir == null) {
        throw new IllegalArgumentException("--data-dir is required");
      }
      return new Options(
          dataDir, boltPort, httpPort, pageCache, watchStdin, passwordFile, browserAssets);
    }

    private static String value(String[] args, int i, String name) {
      if (i >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      return args[i];
    }

    /** A size as Neo4j's memory settings take it (512m, 2g); checked, as it goes into the conf. */
    private static String size(String value, String name) {
      if (value.matches("[1-9][0-9]*[kmg]")) {
        return value;
      }
      throw new IllegalArgumentException(name + " must be a size such as 64m or 1g, got " + value);
    }

    private static int port(String value, String name) {
      try {
        int port = Integer.parseInt(value);
        if (port > 0 && port < 65536) {
          return port;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(name + " must be a port number 1-65535, got " + value);
    }
  }
}
