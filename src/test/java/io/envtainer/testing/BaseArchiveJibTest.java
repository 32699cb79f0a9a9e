package io.envtainer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** jib-core takes the python-base docker archive as a TarImage base; skopeo reads what jib wrote. */
@Tag("integration")
class BaseArchiveJibTest {

  private static final Pattern DIFF_ID = Pattern.compile("sha256:[0-9a-f]{64}");

  @Test
  void jibBuildsOnThePythonBaseArchive() throws Exception {
    Path base = Tools.pythonBaseDockerArchive();
    Path dir = Tools.scratchDir("jib-base");
    Path file = Files.writeString(dir.resolve("hello.txt"), "hello\n");
    Path out = dir.resolve("out.tar");

    Jib.from(TarImage.at(base))
        .addLayer(List.of(file), AbsoluteUnixPath.get("/opt/envtainer"))
        .containerize(Containerizer.to(TarImage.at(out).named("localhost/envtainer/jib-check:1"))
            .setBaseImageLayersCache(dir.resolve("jib-cache/base"))
            .setApplicationLayersCache(dir.resolve("jib-cache/app")));

    List<String> baseLayers = diffIds(base);
    List<String> outLayers = diffIds(out);
    assertEquals(1, baseLayers.size(), "python-base is one layer");
    assertEquals(2, outLayers.size(), "jib adds one layer on top");
    assertEquals(baseLayers.get(0), outLayers.get(0), "jib keeps the base layer as it is");
  }

  /** The image's layer diff IDs as skopeo (the real tool) reads them from a docker archive. */
  private static List<String> diffIds(Path archive) {
    ProcessResult config = Tools.run(List.of("skopeo", "inspect", "--config", "docker-archive:" + archive),
        Tools.repoRoot(), Duration.ofMinutes(2));
    if (config.exitCode() == 127) {
      Tools.missing("skopeo is not installed");
    }
    assertEquals(0, config.exitCode(), config::describe);
    String rootfs = config.stdout().substring(config.stdout().indexOf("\"diff_ids\""));
    List<String> ids = new ArrayList<>();
    Matcher matcher = DIFF_ID.matcher(rootfs.substring(0, rootfs.indexOf(']')));
    while (matcher.find()) {
      ids.add(matcher.group());
    }
    return ids;
  }
}
