package launcher.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

/**
 * Serves the files of the launcher's {@code --browser-assets} folder at {@code
 * /browser-assets/<name>}: Neo4j's HTTP server mounts this package as an unmanaged extension
 * ({@code server.unmanaged_extension_classes}), so that Neo4j Browser loads the project's style
 * and guide from the same origin as itself, and nothing from another host.
 *
 * <p>The files are read once at start: they are small, and a request never touches the disk.
 */
@Path("/")
public final class BrowserAssets {
  private record Asset(byte[] content, String mediaType) {}

  private static volatile Map<String, Asset> assets = Map.of();

  /** The files directly inside {@code dir} (not its subfolders), by name. */
  public static void load(java.nio.file.Path dir) throws IOException {
    Map<String, Asset> loaded = new HashMap<>();
    try (Stream<java.nio.file.Path> files = Files.list(dir)) {
      for (java.nio.file.Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        loaded.put(name, new Asset(Files.readAllBytes(file), mediaTypeOf(name)));
      }
    }
    assets = Map.copyOf(loaded);
  }

  /** Whether a file of this name was loaded. */
  public static boolean has(String name) {
    return assets.containsKey(name);
  }

  @GET
  @Path("{name}")
  public Response get(@PathParam("name") String name) {
    Asset asset = assets.get(name);
    if (asset == null) {
      return Response.status(Response.Status.NOT_FOUND).build();
    }
    // Regenerated at every start: Browser must not keep an old style or guide.
    return Response.ok(asset.content(), asset.mediaType()).header("Cache-Control", "no-cache").build();
  }

  private static String mediaTypeOf(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".md")) {
      return "text/markdown; charset=utf-8";
    }
    return "text/plain; charset=utf-8"; // .grass and anything else: shown, never run
  }
}
