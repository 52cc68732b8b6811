package org.clvkit.examples.spark.ml;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.clvkit.models.Model;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;

/**
 * ML persistence of a fitted stage: Spark's own metadata (class, uid, parameters) as every {@link
 * DefaultParamsWriter} writes it, plus the fitted model as a clvkit model file {@value #FILE} in
 * the stage's folder, so that the same file can be read by {@link ModelFiles#load} outside Spark
 * (the Flink example, the command-line tool, a service). Paths go through Hadoop's file system API:
 * local, HDFS and object stores alike.
 */
final class ModelFolder {
  /** The model file, relative to the stage's folder. */
  static final String FILE = "clvkit/model.properties";

  private ModelFolder() {}

  /**
   * A writer of the stage's metadata and the model file.
   *
   * @param stage the stage
   * @param model its fitted clvkit model
   * @param timeUnit the name of the period, for the file's provenance
   */
  static MLWriter writer(Params stage, Model model, String timeUnit) {
    return new DefaultParamsWriter(stage) {
      @Override
      public void saveImpl(String path) {
        super.saveImpl(path);
        Path file = new Path(path, FILE);
        Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
        try {
          FileSystem fs = file.getFileSystem(conf);
          try (Writer out =
              new OutputStreamWriter(fs.create(file, true), StandardCharsets.US_ASCII)) {
            ModelFiles.save(model, Provenance.now(timeUnit), out);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write model file " + file, e);
        }
      }
    };
  }

  /**
   * A reader of what {@link #writer} wrote: the stage with its parameters, then its model.
   *
   * @param type the model class the file must hold
   * @param attach the stage with the model attached, from the stage read without it
   * @param <S> the stage
   * @param <M> the model
   */
  static <S extends Params, M extends Model> MLReader<S> reader(
      Class<M> type, BiFunction<S, M, S> attach) {
    return new DefaultParamsReader<S>() {
      @Override
      public S load(String path) {
        S stage = super.load(path);
        Path file = new Path(path, FILE);
        Configuration conf = sparkSession().sparkContext().hadoopConfiguration();
        try {
          FileSystem fs = file.getFileSystem(conf);
          try (Reader in = new InputStreamReader(fs.open(file), StandardCharsets.UTF_8)) {
            return attach.apply(stage, ModelFiles.load(in, type).model());
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read model file " + file, e);
        }
      }
    };
  }
}
