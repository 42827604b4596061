import Training

/// The product's seeded generator, for the tests' random cases.
public typealias SeededGenerator = Training.SeededGenerator
