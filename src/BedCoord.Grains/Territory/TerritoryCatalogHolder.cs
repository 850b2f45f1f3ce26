using BedCoord.Domain.Territory;

namespace BedCoord.Grains.Territory;

/// <summary>This silo's cached copy of the territory, replaced whenever a newer document version is seen.</summary>
public sealed class TerritoryCatalogHolder
{
    private volatile TerritoryCatalog _current = new(TerritoryDocument.Empty);

    public TerritoryCatalog Current => _current;

    public bool Offer(TerritoryDocument document)
    {
        var current = _current;
        if (document.Version <= current.Version && current.Version != 0) return false;
        _current = new TerritoryCatalog(document);
        return true;
    }
}
