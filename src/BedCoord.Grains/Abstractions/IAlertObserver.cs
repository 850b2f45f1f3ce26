using BedCoord.Domain.Tension;

namespace BedCoord.Grains.Abstractions;

/// <summary>
/// Told of every alert in the silo that raised it, once (the crisis cell logs level changes and opens the checklists
/// of computed-level triggers). Must not block: the grain raising the alert does not wait.
/// </summary>
public interface IAlertObserver
{
    void OnAlert(Alert alert);
}
