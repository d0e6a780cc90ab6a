using Microsoft.Extensions.Configuration.Json;

namespace ShuttlePro.Web.Hosting;

public static class SettingsFile
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Loads the app's one settings file — the repository root's appsettings.json, which the build copies next to
    /// the app — whatever the working directory, with `dotnet run` or from a published folder. Environment
    /// variables and the command line still override it.
    /// </summary>
    public static WebApplicationBuilder UseShuttleSettingsFile(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var defaults = sources.OfType<JsonConfigurationSource>()
            .Where(s => s.Path?.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();
        var position = defaults.Count > 0 ? sources.IndexOf(defaults[0]) : 0;
        foreach (var source in defaults) sources.Remove(source);

        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        var settings = new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = false };
        settings.ResolveFileProvider();
        sources.Insert(Math.Max(0, position), settings);
        return builder;
    }
}
