using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BedCoord.Testing;
using Npgsql;
using UglyToad.PdfPig;

namespace BedCoord.Server.Tests.Crisis;

/// <summary>The main courante through the API and behind its back: append-only, hash-chained, tamper-evident.</summary>
public sealed class LogbookApiTests(CrisisFixture fixture) : IClassFixture<CrisisFixture>
{
    private ServerProcess Server => fixture.Server;

    private static string Entry(string text, string kind = "info-in", string? corrects = null) =>
        JsonSerializer.Serialize(new { kind, text, source = "SAMU", check = "to-verify", corrects });

    [Fact]
    public async Task Editing_a_row_behind_the_servers_back_makes_verify_name_that_entry()
    {
        using var cell = await Server.ClientAsync("supervisor");
        var ids = new List<string>();
        for (var i = 1; i <= 5; i++)
            ids.Add((await cell.PostJsonAsync("/api/departments/09/logbook", Entry($"Information n°{i}")).CreatedAsync()).GetProperty("id").GetString()!);
        var before = await cell.GetJsonAsync("/api/departments/09/logbook/verify");
        Assert.True(before.GetProperty("valid").GetBoolean());
        Assert.True(before.GetProperty("entries").GetInt64() >= 5);

        // A superuser disables the protection, rewrites the third entry, and puts the protection back.
        await using (var connection = new NpgsqlConnection(fixture.Database))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = new NpgsqlCommand("""
                ALTER TABLE bedcoord_logbook DISABLE TRIGGER bedcoord_logbook_no_update_delete;
                UPDATE bedcoord_logbook SET text = 'Information n°3 (réécrite)' WHERE id = $1;
                ALTER TABLE bedcoord_logbook ENABLE TRIGGER bedcoord_logbook_no_update_delete;
                """.Replace("$1", $"'{ids[2]}'"), connection);
            await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        Assert.Equal("Information n°3 (réécrite)", await Db.ScalarAsync<string>(fixture.Database, "SELECT text FROM bedcoord_logbook WHERE id = $1", ids[2]));

        var after = await cell.GetJsonAsync("/api/departments/09/logbook/verify");
        Assert.False(after.GetProperty("valid").GetBoolean());
        Assert.Equal(ids[2], after.GetProperty("firstInvalid").GetProperty("id").GetString());
        // Other scopes' chains are untouched.
        Assert.True((await cell.GetJsonAsync("/api/departments/11/logbook/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task The_database_refuses_update_delete_and_truncate_of_the_main_courante()
    {
        using var cell = await Server.ClientAsync("supervisor");
        var entry = await cell.PostJsonAsync("/api/departments/11/logbook", Entry("Décision : ouverture de 10 lits", "decision")).CreatedAsync();
        var id = entry.GetProperty("id").GetString()!;
        foreach (var sql in new[] { $"UPDATE bedcoord_logbook SET text = 'x' WHERE id = '{id}'", $"DELETE FROM bedcoord_logbook WHERE id = '{id}'", "TRUNCATE bedcoord_logbook" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(fixture.Database, sql));
            Assert.Equal("42501", e.SqlState);
        }
        Assert.Equal("Décision : ouverture de 10 lits", await Db.ScalarAsync<string>(fixture.Database, "SELECT text FROM bedcoord_logbook WHERE id = $1", id));
        // Through the API: 405, and the entry is still there.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await cell.PutJsonAsync($"/api/departments/11/logbook/{id}", Entry("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await cell.DeleteAsync($"/api/departments/11/logbook/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(id, (await cell.GetJsonAsync($"/api/departments/11/logbook/{id}")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Bad_entries_are_refused_by_field_and_change_nothing()
    {
        using var cell = await Server.ClientAsync("supervisor");
        var other = await cell.PostJsonAsync("/api/departments/12/logbook", Entry("Entrée de l'Aveyron")).CreatedAsync();
        var head = (await cell.GetJsonAsync("/api/departments/30/logbook/verify")).GetProperty("entries").GetInt64();

        Assert.Equal(["text"], await cell.PostJsonAsync("/api/departments/30/logbook", Entry(new string('a', 4001))).InvalidFieldsAsync());
        Assert.Equal(["text"], await cell.PostJsonAsync("/api/departments/30/logbook", Entry("   ")).InvalidFieldsAsync());
        Assert.Equal(["kind"], await cell.PostJsonAsync("/api/departments/30/logbook", Entry("x", "system")).InvalidFieldsAsync());
        Assert.Equal(["corrects"], await cell.PostJsonAsync("/api/departments/30/logbook", Entry("Correction", corrects: other.GetProperty("id").GetString())).InvalidFieldsAsync());
        Assert.Equal(["nom"], await cell.PostJsonAsync("/api/departments/30/logbook", """{"kind":"info-in","text":"x","nom":"Dupont"}""").InvalidFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await cell.PostJsonAsync("/api/planets/30/logbook", Entry("x"))).StatusCode);
        Assert.Equal(head, (await cell.GetJsonAsync("/api/departments/30/logbook/verify")).GetProperty("entries").GetInt64());

        // 4,000 characters exactly are fine, and a correction of the same scope is kept beside the entry it corrects.
        var first = await cell.PostJsonAsync("/api/departments/30/logbook", Entry(new string('b', 4000))).CreatedAsync();
        var fix = await cell.PostJsonAsync("/api/departments/30/logbook", Entry("Lire 40 lits et non 4", corrects: first.GetProperty("id").GetString())).CreatedAsync();
        Assert.Equal(first.GetProperty("id").GetString(), fix.GetProperty("corrects").GetString());
        Assert.Equal(first.GetProperty("hash").GetString(), fix.GetProperty("prevHash").GetString());
    }

    [Fact]
    public async Task Viewers_read_their_scope_only_and_only_those_who_may_declare_write()
    {
        using var admin = await Server.ClientAsync("admin");
        var (establishment, sector) = await admin.FirstEstablishmentAsync("32");
        var (neighbour, _) = await admin.FirstEstablishmentAsync("32", 1);
        using var viewer = await Server.ClientAsync("viewer");
        using var foreignViewer = await Server.ClientAsync("viewer", region: "IDF");
        using var bedManager = await Server.ClientAsync("bed-manager", establishments: [establishment], region: null);
        using var coordinator = await Server.ClientAsync("coordinator", sectors: [sector], region: null);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/departments/32/logbook", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostJsonAsync("/api/departments/32/logbook", Entry("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await foreignViewer.GetAsync("/api/departments/32/logbook", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await bedManager.PostJsonAsync($"/api/establishments/{establishment}/logbook", Entry("PMI activé"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bedManager.PostJsonAsync($"/api/establishments/{neighbour}/logbook", Entry("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bedManager.PostJsonAsync("/api/departments/32/logbook", Entry("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bedManager.GetAsync($"/api/establishments/{neighbour}/logbook", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostJsonAsync("/api/departments/32/logbook", Entry("Point téléphonique ARS"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostJsonAsync("/api/regions/OCC/logbook", Entry("x"))).StatusCode);
        var entries = await viewer.GetJsonAsync("/api/departments/32/logbook");
        var mine = entries.EnumerateArray().Single(e => e.GetProperty("text").GetString() == "Point téléphonique ARS");
        Assert.Equal("coordinator", mine.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Concurrent_appends_to_one_scope_all_land_in_one_unbroken_chain()
    {
        using var cell = await Server.ClientAsync("supervisor");
        var responses = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => cell.PostJsonAsync("/api/departments/34/logbook", Entry($"Appel {i}"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var entries = await cell.GetJsonAsync("/api/departments/34/logbook?limit=1000");
        var seqs = entries.EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(30, entries.EnumerateArray().Count(e => e.GetProperty("text").GetString()!.StartsWith("Appel ")));
        Assert.True((await cell.GetJsonAsync("/api/departments/34/logbook/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_point_de_situation_freezes_the_figures_and_the_export_carries_the_chain_head()
    {
        using var cell = await Server.ClientAsync("supervisor");
        var (establishment, _) = await cell.FirstEstablishmentAsync("65");
        Assert.Equal(HttpStatusCode.Created, (await cell.PostJsonAsync($"/api/establishments/{establishment}/declarations", """{"level":"crise","reason":"Plan blanc"}""")).StatusCode);
        await cell.ReachedRegionAsync(establishment);
        var live = await cell.GetJsonAsync("/api/departments/65");
        var point = await cell.PostJsonAsync("/api/departments/65/logbook/point", """{"text":"Avant la réunion ARS"}""").CreatedAsync();
        Assert.Equal("point", point.GetProperty("kind").GetString());
        var text = point.GetProperty("text").GetString()!;
        Assert.Contains($"Lits : {live.Available()} disponibles", text);
        Assert.Contains("Déclarations en cours : 1", text);
        Assert.Contains("Avant la réunion ARS", text);
        var data = JsonDocument.Parse(point.GetProperty("data").GetString()!).RootElement;
        Assert.Equal(live.Available(), data.GetProperty("figures").GetProperty("beds").GetProperty("available").GetInt32());
        Assert.Equal(establishment, data.GetProperty("declarations")[0].GetProperty("scopeId").GetString());

        var head = (await cell.GetJsonAsync("/api/departments/65/logbook/verify")).GetProperty("head").GetString();
        var csv = await cell.GetAsync("/api/departments/65/logbook/export?format=csv-fr", TestContext.Current.CancellationToken);
        Assert.Equal(head, csv.Headers.GetValues("X-Chain-Head").Single());
        var bytes = await csv.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // French Excel reads UTF-8 only with its byte order mark
        var body = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("seq;at;", body);
        Assert.Contains(point.GetProperty("hash").GetString()!, body);
        Assert.Equal(["format"], await cell.GetAsync("/api/departments/65/logbook/export?format=docx", TestContext.Current.CancellationToken).InvalidFieldsAsync());

        var pdf = await cell.GetAsync("/api/departments/65/logbook/export?format=pdf", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var printed = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains(head![..16], printed.Replace(" ", ""));
        Assert.Contains("Main courante", printed);
    }
}
