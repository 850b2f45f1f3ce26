namespace BedCoord.Domain.Crisis;

/// <summary>Kinds of entry (crisis-notes §3.1) and the verification status of received information.</summary>
public static class LogbookKinds
{
    public const string InfoIn = "info-in";
    public const string InfoOut = "info-out";
    public const string Decision = "decision";
    public const string Action = "action";
    public const string Point = "point";
    /// <summary>Written by BedCoord itself (author "system"): declarations, level changes, measures, requests.</summary>
    public const string System = "system";

    public static readonly IReadOnlyList<string> ByPeople = [InfoIn, InfoOut, Decision, Action, Point];
    public static readonly IReadOnlyList<string> All = [InfoIn, InfoOut, Decision, Action, Point, System];

    public static readonly IReadOnlyList<string> Checks = ["to-verify", "verifying", "verified"];

    public const string SystemAuthor = "system";

    public static string Label(string kind) => kind switch
    {
        InfoIn => "Information reçue",
        InfoOut => "Information émise",
        Decision => "Décision",
        Action => "Action",
        Point => "Point de situation",
        System => "Système",
        _ => kind,
    };

    public static string CheckLabel(string? check) => check switch
    {
        "to-verify" => "à vérifier",
        "verifying" => "en cours de vérification",
        "verified" => "vérifiée",
        _ => "",
    };
}
