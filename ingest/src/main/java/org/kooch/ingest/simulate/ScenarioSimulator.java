package org.kooch.ingest.simulate;

/**
 * Simulates a scenario: the true audiences and flows ({@link AudienceModel}), then the noisy
 * records collectors would produce ({@link ObservationGenerator}). Deterministic for a seed.
 */
public final class ScenarioSimulator {
  private ScenarioSimulator() {}

  public static Simulation run(Scenario scenario) {
    AudienceModel model = new AudienceModel(scenario);
    Truth truth = model.run();
    return new Simulation(new ObservationGenerator(scenario, model).generate(), truth);
  }
}
