using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BedCoord.Testing;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace BedCoord.Server.Tests.Contract;

/// <summary>
/// The checked-in contract: the OpenAPI document as the server serves it (openapi.v1.json) and the C# client
/// NSwag generates from it (BedCoordClient.g.cs), compiled into this project. After a deliberate change to the
/// API, regenerate both with <c>BEDCOORD_UPDATE_CONTRACT=1</c> (docs/API.md § Contract) and review the diff.
/// </summary>
public static class ContractFiles
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "BedCoord.Server.Tests", "Contract");
    public static string Snapshot => Path.Combine(Folder, "openapi.v1.json");
    public static string Client => Path.Combine(Folder, "BedCoordClient.g.cs");
    public static bool Updating => Environment.GetEnvironmentVariable("BEDCOORD_UPDATE_CONTRACT") == "1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document in one stable text form: indented, non-ASCII kept as is, "\n" line ends.</summary>
    public static string Normalise(string json) => JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    public static async Task<string> GenerateClientAsync(string documentJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(documentJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "BedCoordClient",
            GenerateClientInterfaces = false,
            // Answers with their headers: the ETag of a unit is part of the contract.
            WrapResponses = true,
            UseBaseUrl = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings =
            {
                Namespace = "BedCoord.Server.Tests.Contract.Generated",
                JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
            },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        return code.ReplaceLineEndings("\n");
    }
}
