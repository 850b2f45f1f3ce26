using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Grains.Territory;

/// <summary>This silo's cached copy of the territory, replaced whenever a newer document version is seen.</summary>
public sealed class TerritoryCatalogHolder
{
    private volatile TerritoryCatalog _current = new(TerritoryDocument.Empty);

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
}
