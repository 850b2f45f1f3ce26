using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Grains.Territory;

/// <summary>This silo's cached copy of the territory, replaced whenever a newer document version is seen.</summary>
public sealed class TerritoryCatalogHolder
{
    private volatile TerritoryCatalog _current = new(TerritoryDocument.Empty);
    private readonly Lock _gate = new();
    private Task<bool>? _catchingUp;

    public TerritoryCatalog Current => _current;
    public bool IsLoaded => _current.Version > 0;

    public bool Offer(TerritoryDocument document)
    {
        if (document.Version <= _current.Version) return false;
        _current = new TerritoryCatalog(document);
        return true;
    }

    /// <summary>Loads the catalog from the territory grain when this silo has none yet.</summary>
    public async Task<TerritoryCatalog> EnsureLoadedAsync(IGrainFactory grains)
    {
        if (!IsLoaded) await RefreshAsync(grains);
        return _current;
    }

    /// <summary>Fetches the document when the territory grain holds a newer version (an import on another silo).</summary>
    public async Task<bool> RefreshAsync(IGrainFactory grains)
    {
        var territory = grains.Territory();
        if (await territory.GetVersion() <= _current.Version) return false;
        return Offer(await territory.Get());
    }

    /// <summary>
    /// Makes sure this silo's catalog is at least at <paramref name="version"/> (an import through another silo):
    /// the grains that learn of it together share one fetch of the document rather than each fetching it.
    /// </summary>
    public async Task EnsureVersionAsync(IGrainFactory grains, long version)
    {
        if (_current.Version >= version) return;
        Task<bool> fetch;
        lock (_gate) fetch = _catchingUp is { IsCompleted: false } running ? running : _catchingUp = Task.Run(() => RefreshAsync(grains));
        await fetch;
        // A fetch already under way may have started before that version existed.
        if (_current.Version < version) await RefreshAsync(grains);
    }
}
