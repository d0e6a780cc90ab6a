using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Demo;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Api;
using ShuttlePro.Web.Auth;
using ShuttlePro.Web.Channels;
using ShuttlePro.Web.Background;
using ShuttlePro.Web.Components;
using ShuttlePro.Web.Demo;
using ShuttlePro.Web.Live;
using ShuttlePro.Web.Store;

namespace ShuttlePro.Web.Hosting;

public static class WebSetup
{
    public static IServiceCollection AddShuttleWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(options => CircuitTimeouts.Apply(options, configuration));
        services.AddScoped<ShuttlePro.Web.Components.Pages.Inbox.BrowserDrafts>();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = false;
        });
        services.AddShuttleStore();
        services.AddShuttleAuthentication(configuration);
        services.AddShuttleRateLimits(configuration);
        services.AddShuttleSecurityHeaders();
        services.AddShuttleForwardedHeaders(configuration);
        services.AddShuttleLogRedaction(configuration);

        services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiProblems.BadRequestHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton<HubSubscriptions>();
        services.AddSingleton<HubLifetimeManager<InboxHub>, InboxHubLifetimeManager>();

        // First, so the other background work publishes onto a connected bus.
        if (!string.IsNullOrWhiteSpace(configuration["LiveEvents:Redis"])) services.AddHostedService<LiveBusConnector>();
        services.AddHostedService<OutboundDispatchService>();
        services.AddHostedService<PresenceMaintenanceService>();
        services.AddHostedService<SlaMonitorService>();
        services.AddHostedService<AuditVerificationService>();
        services.AddHostedService<QueueStatsService>();
        var demo = configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (demo.Enabled && demo.Simulator) services.AddHostedService<CustomerSimulatorService>();
        return services;
    }

    /// <summary>Schema, roles, the bootstrap admin and (when enabled) the demo organisation, before the first request.</summary>
    public static async Task PrepareDataAsync(this WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        var setup = app.Services.GetRequiredService<OrganisationSetup>();
        await setup.EnsureRolesAsync();
        await setup.EnsureAdminAsync(app.Services.GetRequiredService<IOptions<BootstrapOptions>>().Value);
        await app.Services.GetRequiredService<ChannelDirectory>().SyncFromSettingsAsync();
        await app.Services.GetRequiredService<ShuttlePro.Core.Tickets.TicketSettingsService>().EnsureDefaultsAsync();
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
            await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    public static WebApplication UseShuttlePipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts(); // on HTTPS requests only, so behind a TLS proxy
        // Programs get problem details; people get the error page.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseExceptionHandler("/error", createScopeForErrors: true));
        app.UseStatusCodePages(ApiProblems.WriteStatusProblemAsync);
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapStaticAssets();
        // Our own Content-Security-Policy (SecurityHeaders) already says frame-ancestors 'none'; Blazor would add a second one.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        app.MapApiV1();
        app.MapWhatsAppWebhook();
        app.MapHub<InboxHub>(InboxHub.Path);
        app.MapGet("/health", CheckHealthAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> CheckHealthAsync(IDbContextFactory<ShuttleDbContext> dbFactory, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? TypedResults.Ok(new { status = "Healthy" })
                : TypedResults.Json(new { status = "Unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return TypedResults.Json(new { status = "Unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
