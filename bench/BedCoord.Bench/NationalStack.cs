using System.Diagnostics;
using System.Text.Json;
using BedCoord.Domain.Territory;

namespace BedCoord.Bench;

/// <summary>A scope of the imported national territory with the totals the synthetic history is built from.</summary>
public sealed record ScopeTotals(ScopeRef Scope, int Installed, int Units);

/// <summary>
/// A server (history on) with the synthetic national territory imported through `POST /api/admin/territory`,
/// as an administrator would load it; the demo territory is not seeded.
/// </summary>
public sealed class NationalStack
{
    public required Stack Stack { get; init; }
    public required IReadOnlyList<ScopeTotals> Scopes { get; init; }
    /// <summary>When the server started: the projector's history begins here; the bench's synthetic past ends before.</summary>
    public required DateTimeOffset ServerStarted { get; init; }

    public static async Task<NationalStack> StartAsync(Stack stack, string database, NationalSize size)
    {
        var started = DateTimeOffset.UtcNow;
        await stack.StartServerAsync(database, new Dictionary<string, string> { ["Demo:Seed"] = "false" }, loadUnits: false);
        var sw = Stopwatch.StartNew();
        var document = NationalTerritory.Generate(size);
        Console.WriteLine($"[national] generated {size.Establishments} establishments / {size.Units} units (seed {size.Seed}): {document.Length / 1024.0 / 1024:F1} MiB in {sw.Elapsed.TotalSeconds:F1} s");

        using var importer = Stack.NewClient(stack.Server!.BaseAddress, stack.AdminToken!, 4);
        importer.Timeout = TimeSpan.FromMinutes(20);
        sw.Restart();
        await NationalImport.PerRegionAsync(importer, document, "national");
        Console.WriteLine($"[national] POST /api/admin/territory, one per region, took {sw.Elapsed.TotalSeconds:F1} s in all");
        stack.Units.AddRange(await Stack.LoadUnitsAsync(importer));
        return new NationalStack { Stack = stack, Scopes = Totals(document), ServerStarted = started };
    }

    /// <summary>Installed beds and unit counts of every region, sector, département and establishment of the document.</summary>
    private static List<ScopeTotals> Totals(byte[] document)
    {
        var all = new List<ScopeTotals>();
        using var doc = JsonDocument.Parse(document);
        (int Installed, int Units) Walk(JsonElement node, ScopeKind kind, string idField)
        {
            (int, int) sum = (0, 0);
            var children = kind switch
            {
                ScopeKind.Region => ("sectors", ScopeKind.Sector, "id"),
                ScopeKind.Sector => ("departments", ScopeKind.Department, "code"),
                ScopeKind.Department => ("establishments", ScopeKind.Establishment, "id"),
                _ => ("units", ScopeKind.Unit, "id"),
            };
            foreach (var child in node.GetProperty(children.Item1).EnumerateArray())
            {
                var (i, u) = children.Item2 == ScopeKind.Unit
                    ? (child.TryGetProperty("initial", out var init) ? init.GetProperty("installed").GetInt32() : 0, 1)
                    : Walk(child, children.Item2, children.Item3);
                sum = (sum.Item1 + i, sum.Item2 + u);
            }
            all.Add(new ScopeTotals(new ScopeRef(kind, node.GetProperty(idField).GetString()!), sum.Item1, sum.Item2));
            return sum;
        }
        foreach (var region in doc.RootElement.GetProperty("regions").EnumerateArray()) Walk(region, ScopeKind.Region, "id");
        return all;
    }
}
