using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using CsCheck;
using Xunit;

namespace BedCoord.Domain.Tests.Bjml;

public class EdAdmissionsParserTests
{
    private static readonly DateOnly Today = new(2026, 3, 4);

    private static (IReadOnlyList<DailyCount>? Counts, FieldErrors Errors) Csv(string text)
    {
        var errors = new FieldErrors();
        return (EdAdmissionsParser.ParseCsv(text, errors, Today), errors);
    }

    private static (IReadOnlyList<DailyCount>? Counts, FieldErrors Errors) Json(string text)
    {
        var errors = new FieldErrors();
        return (EdAdmissionsParser.ParseJson(text, errors, Today), errors);
    }

    [Fact]
    public void Csv_with_header_sorted_by_date_last_duplicate_wins()
    {
        var (counts, errors) = Csv("\uFEFFdate,count\r\n2025-03-05,12\r\n2025-03-04,9\r\n\r\n2025-03-05,14\r\n");
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal([new DailyCount(new(2025, 3, 4), 9), new DailyCount(new(2025, 3, 5), 14)], counts);
    }

    [Fact]
    public void Csv_from_a_french_spreadsheet_uses_semicolons_and_quotes()
    {
        var (counts, errors) = Csv("\"Date\";\"Count\"\n\"2025-03-04\";\"0\"\n");
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal([new DailyCount(new(2025, 3, 4), 0)], counts);
    }

    [Fact]
    public void Csv_errors_name_the_line()
    {
        var (counts, errors) = Csv("date,count\n2025-03-04,12\n04/03/2025,3\n2025-03-06,-1\n2025-03-07\n2025-03-08,10001\n2026-03-05,1\n");
        Assert.Null(counts);
        var keys = errors.ToDictionary().Keys.Order().ToArray();
        Assert.Equal(["line[3].date", "line[4].count", "line[5]", "line[6].count", "line[7].date"], keys);
        Assert.StartsWith("Ligne 3 :", errors.ToDictionary()["line[3].date"][0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("day,n\n2025-03-04,1")]
    [InlineData("2025-03-04,1")]
    public void Csv_needs_its_header(string text)
    {
        var (counts, errors) = Csv(text);
        Assert.Null(counts);
        Assert.True(errors.Has("header") || errors.Has("body"), errors.ToString());
    }

    [Fact]
    public void Csv_stops_after_too_many_errors()
    {
        var text = "date,count\n" + string.Concat(Enumerable.Range(0, 100).Select(_ => "x,y\n"));
        var (_, errors) = Csv(text);
        Assert.True(errors.Has("body"));
        Assert.True(errors.ToDictionary().Count <= EdAdmissionsParser.MaxErrors * 2 + 1);
    }

    [Fact]
    public void Json_array_last_duplicate_wins()
    {
        var (counts, errors) = Json("""[{"date":"2025-03-05","count":12},{"date":"2025-03-04","count":9},{"date":"2025-03-05","count":14}]""");
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal([new DailyCount(new(2025, 3, 4), 9), new DailyCount(new(2025, 3, 5), 14)], counts);
    }

    [Fact]
    public void Json_errors_name_the_index()
    {
        var (counts, errors) = Json("""[{"date":"2025-03-04","count":1},{"date":"2025-02-30","count":1},{"date":"2025-03-06","count":1.5},{"count":1},42,{"date":"2025-03-07","count":"3"}]""");
        Assert.Null(counts);
        var keys = errors.ToDictionary().Keys.Order().ToArray();
        Assert.Equal(["[1].date", "[2].count", "[3].date", "[4]", "[5].count"], keys);
    }

    [Theory]
    [InlineData("{\"date\":\"2025-03-04\",\"count\":1}")]
    [InlineData("[{")]
    [InlineData("")]
    public void Json_must_be_an_array(string text) => Assert.True(Json(text).Errors.Has("body"));

    [Fact]
    public void Any_text_reads_as_counts_or_named_errors_never_an_exception()
    {
        // Quotes left open, lone carriage returns, separators of both kinds: the CSV reader must not throw.
        string[] pieces = ["date,count\n", "date;count\r\n", "\"", "\"\"", ",", ";", "\r", "\n", "\uFEFF", " ", "2025-03-04", "12", "x", "\0"];
        Gen.Int[0, pieces.Length - 1].Array[0, 40].Select(p => string.Concat(p.Select(i => pieces[i]))).Sample(text =>
        {
            var (counts, errors) = Csv(text);
            return counts is not null || !errors.IsEmpty;
        });
    }

    [Fact]
    public void Empty_imports_are_valid_and_import_nothing()
    {
        Assert.Empty(Json("[]").Counts!);
        Assert.Empty(Csv("date,count\n").Counts!);
    }
}
