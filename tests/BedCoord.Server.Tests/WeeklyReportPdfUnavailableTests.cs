using System.Net;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>A server configured with a Chromium that is not there (Reports:Chromium).</summary>
public sealed class NoChromiumServerFixture(PostgresFixture postgres) : ServerFixture(postgres)
{
    protected override IDictionary<string, string>? Settings => new Dictionary<string, string> { ["Reports:Chromium"] = "/nonexistent/chromium" };
}

public sealed class WeeklyReportPdfUnavailableTests(NoChromiumServerFixture fixture) : IClassFixture<NoChromiumServerFixture>
{
    [Fact]
    public async Task Without_Chromium_the_PDF_is_a_503_that_says_so_and_the_report_still_answers()
    {
        using var client = await fixture.Server.ClientAsync("viewer");

        var pdf = await client.GetAsync("/rapport/departement/09.pdf", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode);
        var problem = await pdf.ProblemAsync();
        Assert.Contains("Chromium est introuvable", problem.GetProperty("detail").GetString());
        Assert.Contains("/nonexistent/chromium", problem.GetProperty("detail").GetString());
        Assert.Equal("Ariège", (await client.GetJsonAsync("/api/departments/09/reports/weekly")).GetProperty("report").GetProperty("departmentName").GetString());
    }
}
