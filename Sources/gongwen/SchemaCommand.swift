import ArgumentParser
import Gongwen

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of gongwen's output.",
        discussion: """
            Validate output with any JSON Schema validator, e.g.:
              gongwen schema > gongwen.schema.json
              gongwen parse plan.txt > plan.json
              python3 -m jsonschema -i plan.json gongwen.schema.json
            """
    )

    func run() {
        print(documentSchema, terminator: documentSchema.hasSuffix("\n") ? "" : "\n")
    }
}
