import Foundation
import PackagePlugin

/// Build-tool plugin: embeds the default grammar (`Grammars/*.rules`) and the output's
/// JSON Schema into the `Gongwen` module as Swift string literals, so a copied binary
/// works from any directory without resource bundles.
@main
struct EmbedGrammar: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let grammarDirectory = root.appending(path: "Grammars")
        let schema = root.appending(path: "Sources/Gongwen/Output/document.schema.json")
        let files = try FileManager.default
            .contentsOfDirectory(at: grammarDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "rules" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        var arguments = [output.path(percentEncoded: false), "--schema", schema.path(percentEncoded: false)]
        arguments += files.map { $0.path(percentEncoded: false) }
        return [
            .buildCommand(
                displayName: "Embedding the default grammar (\(files.count) files)",
                executable: try context.tool(named: "EmbedFiles").url,
                arguments: arguments,
                inputFiles: files + [schema, grammarDirectory],
                outputFiles: [output]
            )
        ]
    }
}
