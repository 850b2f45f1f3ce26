using BedCoord.Persistence.Reports;

namespace BedCoord.Server.Reports;

public static class ReportSetup
{
    /// <summary>The weekly departmental meeting report: its loader, snapshots and actions, and its PDF printer.</summary>
    public static void AddBedCoordReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddSingleton<WeeklyReportLoader>();
        builder.Services.AddSingleton<WeeklyReports>();
        builder.Services.AddSingleton<ReportPdf>();
    }
}
