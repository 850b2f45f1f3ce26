using BedCoord.Domain.Import;
using Xunit;

namespace BedCoord.Domain.Tests.Import;

public class CsvTests
{
    private static List<IReadOnlyDictionary<string, string>> Records(string text, char separator = ',') =>
        Csv.ReadRecords(new StringReader(text), separator).ToList();

    [Fact]
    public void Quoted_fields_keep_their_commas_quotes_and_line_breaks()
    {
        var rows = Records("\uFEFFfiness,nom,adresse\r\n090000183,\"CH \"\"Couserans\"\", St Lizier\",\"QUA ROSES\nBP 1\"\r\n");
        var row = Assert.Single(rows);
        Assert.Equal("090000183", row["FINESS"]);
        Assert.Equal("CH \"Couserans\", St Lizier", row["nom"]);
        Assert.Equal("QUA ROSES\nBP 1", row["adresse"]);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_missing_trailing_cells_read_empty()
    {
        var rows = Records("code,nom,population\n09,Ariège\n\n11,Aude,379648\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal("", rows[0]["population"]);
        Assert.Equal("379648", rows[1]["population"]);
    }

    [Fact]
    public void Rows_say_on_which_line_they_start_and_read_semicolons_when_asked()
    {
        var rows = Csv.ReadRows(new StringReader("\"Date\";\"Count\"\n\n \"2025-03-04\" ; 7 \n"), ';').ToList();
        Assert.Equal([1, 3], rows.Select(r => r.Line));
        Assert.Equal(["Date", "Count"], rows[0].Cells);
        Assert.Equal(["2025-03-04", "7"], rows[1].Cells);
    }

    [Fact]
    public void The_bundled_reference_data_reads_whole()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        if (!Directory.Exists(data)) data = FindData();
        var territory = SaeDataset.Load(data);
        var establishments = territory.Regions![0].Sectors!.SelectMany(s => s.Departments!).SelectMany(d => d.Establishments!).ToList();
        Assert.Equal(326, establishments.Count);
        Assert.Equal(64, SaeDataset.EmergencyAttendances(data).Count);
        Assert.All(SaeDataset.EmergencyAttendances(data).Values, v => Assert.True(v > 0));
    }

    private static string FindData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "data", SaeDataset.EstablishmentsFile))) return Path.Combine(dir.FullName, "data");
        throw new DirectoryNotFoundException("data/ not found above the test binaries");
    }
}
