using BedCoord.Domain.Maturity;
using BedCoord.Grains.Abstractions;
using BedCoord.Persistence.Maturity;

namespace BedCoord.Server.Maturity;

/// <summary>Scores and stores a submission: the score is computed once, when submitted, with the establishment's BJML state then.</summary>
public sealed class MaturityService(MaturityStore store, IGrainFactory grains, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Whether the establishment's BJML can be computed today (the BJML item scores 0 when it cannot).</summary>
    public async Task<(bool Computable, string? Reason)> BjmlAsync(string finess)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Domain.History.Steps.Paris).DateTime);
        var result = await grains.GetGrain<IEdAdmissionsGrain>(finess).Compute(today);
        return (result.Computable, result.Reason);
    }

    public async Task<MaturitySubmission> SubmitAsync(string finess, MaturityGrid grid, MaturityAnswers answers, string by, CancellationToken ct)
    {
        var (computable, _) = await BjmlAsync(finess);
        var score = MaturityScoring.Score(grid, answers.Answers, computable);
        var submission = new MaturitySubmission(0, finess, grid.Version, Now, by, answers.Answers, score);
        var id = await store.SubmitAsync(submission, ct);
        return submission with { Id = id };
    }
}
