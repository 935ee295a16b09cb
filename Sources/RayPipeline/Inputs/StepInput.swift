/// The inputs of one kind of step, keyed in a pipeline spec by the command-line option names.
protocol StepInput: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable & RawRepresentable<String>
}

extension StepInput {
    /// The keys a spec may give this step, for error messages.
    static var keys: [String] { CodingKeys.allCases.map(\.rawValue) }
}
