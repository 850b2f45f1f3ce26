namespace BedCoord.Testing;

/// <summary>Where the repository and the built server are, seen from a test assembly in its bin folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the same configuration the tests were built with.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string ServerProject => Path.Combine(Root, "src", "BedCoord.Server");
    /// <summary>BEDCOORD_SERVER_DLL measures another build (a bench's "before" beside "after"); by default this checkout's.</summary>
    public static string ServerDll => Environment.GetEnvironmentVariable("BEDCOORD_SERVER_DLL") is { Length: > 0 } other ? other
        : Path.Combine(ServerProject, "bin", Configuration, "net10.0", "BedCoord.Server.dll");
    public static string DataDirectory => Path.Combine(Root, "data");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BedCoord.sln"))) return dir.FullName;
        throw new InvalidOperationException("BedCoord.sln not found above " + AppContext.BaseDirectory);
    }
}
