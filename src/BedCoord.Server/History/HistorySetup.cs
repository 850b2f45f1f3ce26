using BedCoord.Persistence.History;

namespace BedCoord.Server.History;

public static class HistorySetup
{
    /// <summary>History of every scope: the projector (one silo at a time), the readers and replay.</summary>
    public static void AddBedCoordHistory(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HistoryOptions>(builder.Configuration.GetSection("History"));
        builder.Services.AddSingleton<HistoryPartitions>();
        builder.Services.AddSingleton<HistoryStore>();
        builder.Services.AddSingleton<InputLog>();
        builder.Services.AddSingleton<GridModelLoader>();
        builder.Services.AddSingleton<HistoryReader>();
        if (builder.Configuration.GetValue("History:Enabled", true))
        {
            builder.Services.AddSingleton<HistoryProjectorService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<HistoryProjectorService>());
        }
    }
}
