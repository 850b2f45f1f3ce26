using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace BedCoord.Server.Web;

/// <summary>
/// Versioned asset URLs without a bundler. The pages' own files are also served under /v/{hash}/..., where {hash}
/// is a content hash of the whole wwwroot taken at start-up; the HTML pages are served with their /js, /css, /lib
/// and favicon references rewritten to that prefix. A module's relative imports (./dom.js) resolve under the same
/// prefix, so every file of a release has a versioned URL and is cached for a year as immutable; the HTML itself is
/// revalidated on each load (no-cache, ETag). A new release has a new hash, hence new URLs.
/// </summary>
public sealed partial class AssetVersion
{
    public const string ImmutableItem = "bedcoord.asset.immutable";

    public AssetVersion(IWebHostEnvironment env)
    {
        var root = env.WebRootPath;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var newest = DateTimeOffset.MinValue;
        if (Directory.Exists(root))
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\n"));
                sha.AppendData(File.ReadAllBytes(file));
                var modified = File.GetLastWriteTimeUtc(file);
                if (modified > newest) newest = modified;
            }
        Hash = Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
        // The HTML's ETag follows the newest file, not the HTML's own date: a change in any file changes its references.
        Modified = newest == DateTimeOffset.MinValue ? DateTimeOffset.UtcNow : newest;
    }

    public string Hash { get; }
    public string Prefix => $"/v/{Hash}";
    public DateTimeOffset Modified { get; }

    /// <summary>src="/js/app.js" -> src="/v/{hash}/js/app.js" (also /css, /lib and the favicons).</summary>
    public string Rewrite(string html) => References().Replace(html, m => $"{m.Groups[1].Value}{Prefix}/{m.Groups[2].Value}");

    [GeneratedRegex("""(\s(?:src|href)=")/((?:js|css|lib)/|favicon\.)""")]
    private static partial Regex References();
}

public static class VersionedAssets
{
    /// <summary>Strips /v/{hash} before the static files; the current hash marks the answer immutable.</summary>
    public static IApplicationBuilder UseVersionedAssets(this IApplicationBuilder app)
    {
        var version = app.ApplicationServices.GetRequiredService<AssetVersion>();
        return app.Use((context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path.StartsWith("/v/", StringComparison.Ordinal))
            {
                var slash = path.IndexOf('/', 3);
                if (slash > 3)
                {
                    // An old hash (a page loaded before a release) still gets the current file, but not for a year.
                    if (path.AsSpan(3, slash - 3).SequenceEqual(version.Hash)) context.Items[AssetVersion.ImmutableItem] = true;
                    context.Request.Path = path[slash..];
                }
            }
            return next(context);
        });
    }

    internal static void Configure(StaticFileOptions options, IWebHostEnvironment env, AssetVersion version)
    {
        options.FileProvider = new VersionedHtmlFileProvider(env.WebRootFileProvider, version);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".ico"] = "image/x-icon";
        options.ContentTypeProvider = types;
        options.OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl =
            ctx.Context.Items.ContainsKey(AssetVersion.ImmutableItem) ? "public, max-age=31536000, immutable" : "no-cache";
    }
}

/// <summary>wwwroot as it is, except that its .html files come with their asset references versioned.</summary>
internal sealed class VersionedHtmlFileProvider(IFileProvider inner, AssetVersion version) : IFileProvider
{
    private readonly Dictionary<string, IFileInfo> _pages = new(StringComparer.Ordinal);

    public IFileInfo GetFileInfo(string subpath)
    {
        var file = inner.GetFileInfo(subpath);
        if (!file.Exists || file.IsDirectory || !subpath.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) return file;
        lock (_pages)
        {
            if (!_pages.TryGetValue(subpath, out var page))
            {
                using var reader = new StreamReader(file.CreateReadStream());
                _pages[subpath] = page = new MemoryFileInfo(file.Name, Encoding.UTF8.GetBytes(version.Rewrite(reader.ReadToEnd())), version.Modified);
            }
            return page;
        }
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => inner.GetDirectoryContents(subpath);
    public IChangeToken Watch(string filter) => inner.Watch(filter);

    private sealed class MemoryFileInfo(string name, byte[] content, DateTimeOffset modified) : IFileInfo
    {
        public bool Exists => true;
        public long Length => content.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => modified;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(content, writable: false);
    }
}
