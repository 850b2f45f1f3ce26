using System.ComponentModel.DataAnnotations;

namespace BedCoord.Server.Settings;

/// <summary>
/// Reads a configuration section into its typed class and checks it before anything starts, so a bad value
/// stops the process at once with the setting's full name ("Storage:MaxPoolSize = 0: …") instead of failing
/// later somewhere else. The checked instance is registered as itself and as IOptions&lt;T&gt;.
/// </summary>
public static class StartupSettings
{
    public static T Read<T>(WebApplicationBuilder builder, string section) where T : class, new()
    {
        var config = builder.Configuration.GetSection(section);
        T settings;
        try { settings = config.Get<T>() ?? new T(); }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the type ("Failed to convert configuration value at 'Storage:Port'…").
            throw new InvalidOperationException($"Invalid setting in section \"{section}\": {e.InnerException?.Message ?? e.Message} ({e.Message})", e);
        }
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            var lines = results.Select(r =>
            {
                var member = r.MemberNames.FirstOrDefault();
                var key = member is null ? section : $"{section}:{member}";
                var value = member is null ? null : config[member];
                return $"  {key}{(value is null ? "" : $" = \"{value}\"")}: {r.ErrorMessage}";
            });
            throw new InvalidOperationException($"Invalid settings, the server cannot start:\n{string.Join('\n', lines)}");
        }
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings));
        return settings;
    }
}
