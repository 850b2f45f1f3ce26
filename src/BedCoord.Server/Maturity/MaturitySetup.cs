using BedCoord.Persistence.Maturity;

namespace BedCoord.Server.Maturity;

public static class MaturitySetup
{
    /// <summary>The bed-management maturity index (issue 13): grids, answers, views and their pairing with tension.</summary>
    public static void AddBedCoordMaturity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MaturityStore>();
        builder.Services.AddSingleton<AccompanimentStore>();
        builder.Services.AddSingleton<AccompanimentCatalog>();
        builder.Services.AddSingleton<MaturityService>();
        builder.Services.AddSingleton<MaturityTensionLoader>();
        builder.Services.AddSingleton<MaturityRegionalView>();
        if (builder.Configuration.GetValue("Demo:Seed", false)) builder.Services.AddHostedService<MaturityDemoSeed>();
    }
}

public static class MaturityPages
{
    /// <summary>The maturity pages (/maturite/etablissement/{finess}[/questionnaire], /maturite/{region|secteur|departement}/{id}) share one shell.</summary>
    public static void MapMaturityPages(this IEndpointRouteBuilder app) => app.MapFallbackToFile("/maturite/{**path}", "maturity.html");
}
