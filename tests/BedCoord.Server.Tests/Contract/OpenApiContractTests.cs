using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BedCoord.Testing;

namespace BedCoord.Server.Tests.Contract;

/// <summary>
/// The OpenAPI document is complete (every operation named, summarised, with its answers and their schemas),
/// passes Spectral's spectral:oas ruleset with no error and no warning, and is the one the generated client was
/// made from.
/// </summary>
[Collection(ContractCollection.Name)]
public sealed class OpenApiContractTests(ContractServer fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<string> DocumentAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        var response = await http.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_its_answers_and_the_bearer_scheme_where_it_needs_a_token()
    {
        var document = JsonNode.Parse(await DocumentAsync())!;
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]);
        var problems = new List<string>();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                operations++;
                var op = item![method]!;
                var name = $"{method.ToUpperInvariant()} {path}";
                if (op["operationId"] is null) problems.Add($"{name}: no operationId (.WithName)");
                if (op["summary"] is null) problems.Add($"{name}: no summary (.WithSummary)");
                var responses = op["responses"]!.AsObject();
                var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
                if (success.Count == 0) problems.Add($"{name}: no 2xx answer");
                foreach (var (status, answer) in success.Where(r => r.Key != "204"))
                    if (answer!["content"] is null) problems.Add($"{name}: {status} without a schema (.Produces<T>)");
                foreach (var (status, answer) in responses.Where(r => r.Key[0] is '4' or '5'))
                    if (answer!["content"]?["application/problem+json"] is null) problems.Add($"{name}: {status} is not problem+json");
                if (path.StartsWith("/api/", StringComparison.Ordinal) && path != "/api/dev/token")
                {
                    if (op["security"] is null) problems.Add($"{name}: no security requirement");
                    foreach (var status in new[] { "401", "429" })
                        if (responses[status] is null) problems.Add($"{name}: no {status}");
                }
                if (op["requestBody"] is { } body)
                {
                    if (body["content"]?["application/json"]?["schema"] is null) problems.Add($"{name}: body without a JSON schema (.Accepts<T>)");
                    // A territory file and a maturity grid are whole documents: data/ holds their examples, too large for the contract.
                    if (body["content"]?["application/json"]?["example"] is null && path is not ("/api/admin/territory" or "/api/maturity/grids"))
                        problems.Add($"{name}: body without an example (.AcceptsJson<T>(example))");
                    foreach (var status in new[] { "400", "413", "415" })
                        if (responses[status] is null) problems.Add($"{name}: body but no {status}");
                }
                if (method == "get" && path.StartsWith("/api/", StringComparison.Ordinal) && path.Contains('{') && responses["404"] is null)
                    problems.Add($"{name}: no 404 for an unknown id");
            }
        Assert.True(operations >= 36, $"only {operations} operations");
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var search = document["paths"]!["/api/search"]!["get"]!["parameters"]!.AsArray();
        var limit = search.Single(p => (string?)p!["name"] == "limit")!["schema"]!;
        Assert.Equal(("integer", "1", "200"), ((string?)limit["type"], limit["minimum"]!.ToJsonString(), limit["maximum"]!.ToJsonString()));
        Assert.True((bool)search.Single(p => (string?)p!["name"] == "category")!["required"]!);
        var beds = document["paths"]!["/api/establishments/{finess}/units/{unitId}/beds"]!["put"]!;
        Assert.Contains(beds["parameters"]!.AsArray(), p => (string?)p!["name"] == "If-Match" && (string?)p["in"] == "header");
        Assert.NotNull(beds["responses"]!["200"]!["headers"]!["ETag"]);
        Assert.NotNull(beds["responses"]!["412"]);
    }

    [Fact]
    public async Task The_document_passes_spectral_oas_with_no_error_and_no_warning()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bedcoord-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await DocumentAsync(), TestContext.Current.CancellationToken);
        try
        {
            var (exit, output) = await Spectral.LintAsync(file);
            Assert.True(exit == 0, $"spectral exited {exit}:\n{output}");
            Assert.Contains("No results with a severity of 'warn' or higher found!", output);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task The_live_document_is_the_checked_in_snapshot_and_the_client_is_generated_from_it()
    {
        var live = ContractFiles.Normalise(await DocumentAsync());
        var client = await ContractFiles.GenerateClientAsync(live);
        if (ContractFiles.Updating)
        {
            await File.WriteAllTextAsync(ContractFiles.Snapshot, live, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(ContractFiles.Client, client, TestContext.Current.CancellationToken);
        }
        var snapshot = await File.ReadAllTextAsync(ContractFiles.Snapshot, TestContext.Current.CancellationToken);
        Assert.True(live == snapshot,
            "The API's OpenAPI document changed: if on purpose, regenerate the snapshot and the client with BEDCOORD_UPDATE_CONTRACT=1 (docs/API.md § Contract) and review the diff.");
        Assert.True(client == (await File.ReadAllTextAsync(ContractFiles.Client, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n"),
            "BedCoordClient.g.cs is not what NSwag generates from the snapshot: regenerate it with BEDCOORD_UPDATE_CONTRACT=1.");
    }
}

/// <summary>Spectral from tools/spectral (npm), installed there on first use like the board's npm packages.</summary>
public static class Spectral
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task<(int Exit, string Output)> LintAsync(string file)
    {
        var tool = Path.Combine(RepoPaths.Root, "tools", "spectral");
        var cli = Path.Combine(tool, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(cli))
            {
                var (code, log) = await RunAsync(tool, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
                Assert.True(code == 0, "npm ci in tools/spectral failed:\n" + log);
            }
        }
        finally { Install.Release(); }
        return await RunAsync(RepoPaths.Root, "node", cli, "lint", file, "--ruleset", Path.Combine(RepoPaths.Root, ".spectral.yaml"),
            "--fail-severity", "warn", "--format", "text");
    }

    private static async Task<(int, string)> RunAsync(string directory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
