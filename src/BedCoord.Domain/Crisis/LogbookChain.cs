namespace BedCoord.Domain.Crisis;

/// <summary>The answer of GET …/logbook/verify.</summary>
public sealed record ChainVerification(bool Valid, long Entries, string Head, ChainBreak? FirstInvalid);

/// <summary>The first entry that does not match, and why.</summary>
public sealed record ChainBreak(string Id, long Seq, string Reason);

/// <summary>Recomputes a scope's chain in order and names the first entry whose link or content does not match.</summary>
public sealed class LogbookChain
{
    private long _count;
    private long _expectedSeq = 1;
    private string _head = LogbookHash.Genesis;
    private ChainBreak? _break;

    /// <summary>Feeds the next entry (oldest first); returns false once a break was found.</summary>
    public bool Add(LogbookEntry e)
    {
        _count++;
        if (_break is not null) return false;
        if (e.Seq != _expectedSeq)
            _break = new ChainBreak(e.Id, e.Seq, $"Numéro d'ordre {e.Seq} au lieu de {_expectedSeq} : une entrée manque ou a été insérée.");
        else if (e.PrevHash != _head)
            _break = new ChainBreak(e.Id, e.Seq, "Le lien vers l'entrée précédente ne correspond pas.");
        else if (LogbookHash.Compute(e) != e.Hash)
            _break = new ChainBreak(e.Id, e.Seq, "Le contenu de l'entrée ne correspond plus à son empreinte.");
        _expectedSeq = e.Seq + 1;
        _head = e.Hash;
        return _break is null;
    }

    public ChainVerification Result() => new(_break is null, _count, _head, _break);

    public static ChainVerification Verify(IEnumerable<LogbookEntry> entries)
    {
        var chain = new LogbookChain();
        foreach (var e in entries) chain.Add(e);
        return chain.Result();
    }
}
