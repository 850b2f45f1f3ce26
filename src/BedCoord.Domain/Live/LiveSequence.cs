namespace BedCoord.Domain.Live;

public enum SequenceStep
{
    /// <summary>The change follows the state held: apply it.</summary>
    Next,
    /// <summary>Already contained in the state held (a duplicate, or sent before the snapshot was read): drop it.</summary>
    Old,
    /// <summary>At least one change is missing, or the scope's grain restarted (new epoch): read the whole state again.</summary>
    Gap,
}

/// <summary>
/// The gap rule shared by the relay (announcements from the grain) and the boards (pushes from the relay):
/// changes of one epoch are numbered 1, 2, 3...; only the one right after the state held can be applied.
/// </summary>
public static class LiveSequence
{
    public static SequenceStep Classify(long heldEpoch, long heldSeq, long epoch, long seq) =>
        epoch != heldEpoch ? SequenceStep.Gap
        : seq <= heldSeq ? SequenceStep.Old
        : seq == heldSeq + 1 ? SequenceStep.Next
        : SequenceStep.Gap;
}
