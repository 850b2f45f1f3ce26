namespace BedCoord.Domain.Territory;

/// <summary>One node of the territory tree, written "kind:id" in scope strings (api-v1 hub and alerts).</summary>
[GenerateSerializer, Immutable, Alias("bedcoord.scope-ref")]
public readonly record struct ScopeRef([property: Id(0)] ScopeKind Kind, [property: Id(1)] string Id)
{
    public override string ToString() => $"{Kind.Name()}:{Id}";

    public static bool TryParse(string? text, out ScopeRef scope)
    {
        scope = default;
        if (string.IsNullOrEmpty(text)) return false;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !ScopeKinds.TryParse(text[..colon], out var kind)) return false;
        scope = new ScopeRef(kind, text[(colon + 1)..]);
        return scope.Id.Length > 0;
    }
}
