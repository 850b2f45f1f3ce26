using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace BedCoord.Server.Board;

public static class BoardPages
{
    /// <summary>The pages route on the client; every page URL serves the one index.html.</summary>
    public static void MapBoardPages(this IEndpointRouteBuilder app)
    {
        foreach (var pattern in new[] { "/board", "/board/{**path}", "/lits", "/lits/{**path}", "/recherche" })
            app.MapFallbackToFile(pattern, "index.html");
    }

    /// <summary>Serves the bundled reference data (map outlines) at /data, with its attribution README.</summary>
    public static void UseReferenceData(this IApplicationBuilder app)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "data");
        if (!Directory.Exists(directory)) return;
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".geojson"] = "application/geo+json";
        types.Mappings[".md"] = "text/markdown; charset=utf-8";
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(directory), RequestPath = "/data", ContentTypeProvider = types });
    }
}
