using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Demo;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core;

public static class DependencyInjection
{
    /// <summary>Registers the rules, the data access, Identity's stores and the live-event bus.</summary>
    public static IServiceCollection AddShuttleCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddShuttleDatabase(configuration);
        services.AddShuttleIdentity();

        services.Configure<LiveEventsOptions>(configuration.GetSection("LiveEvents"));
        services.AddSingleton<InProcessLiveEvents>();
        if (string.IsNullOrWhiteSpace(configuration["LiveEvents:Redis"]))
            services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<InProcessLiveEvents>());
        else
        {
            // Started (connected) by the host before it serves; see RedisLiveEvents.StartAsync.
            services.AddSingleton<RedisLiveEvents>();
            services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<RedisLiveEvents>());
        }

        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<UnitOfWork>();
        services.AddSingleton<InboundIngestion>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<OwnershipService>();
        services.AddSingleton<Board.BoardService>();
        services.Configure<PresenceOptions>(configuration.GetSection(PresenceOptions.Section));
        if (string.IsNullOrWhiteSpace(configuration["LiveEvents:Redis"])) services.AddSingleton<IPresenceTracker, InMemoryPresenceTracker>();
        else services.AddSingleton<IPresenceTracker, RedisPresenceTracker>(); // shared by every instance, so collisions are seen across them
        services.AddSingleton<CollaborationService>();
        services.AddSingleton<NoteService>();
        services.AddSingleton<HandoffService>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<ShiftService>();
        services.AddSingleton<Workspace.WorkspaceService>();
        services.AddSingleton<ConversationQueries>();
        services.AddSingleton<DirectoryService>();
        services.AddSingleton<AgentAdministration>();
        services.AddSingleton<OrganisationSetup>();
        services.AddSingleton<Tickets.TicketService>();
        services.AddSingleton<Tickets.TicketQueries>();
        services.AddSingleton<Audit.AuditQueries>();
        services.AddSingleton<Audit.AuditVerifier>();
        services.AddSingleton<Quality.QaReviewService>();
        services.AddSingleton<Quality.QaReviewQueries>();
        services.AddSingleton<Kpi.KpiQueries>();
        services.AddSingleton<Tickets.TicketSettingsService>();
        services.AddSingleton<Tickets.SlaMonitor>();
        services.AddSingleton<Queues.QueueStatsCalculator>();
        services.AddSingleton<Queues.QueueStatsTracker>();
        services.AddSingleton<Queues.QueueStatsPublisher>();

        services.Configure<Channels.WhatsApp.WhatsAppOptions>(configuration.GetSection(Channels.WhatsApp.WhatsAppOptions.Section));
        services.AddSingleton<OutboundSignal>();
        services.AddSingleton<OutboundDispatcher>();
        services.AddSingleton<DeliveryService>();
        services.AddSingleton<ChannelSecrets>();
        services.AddSingleton<ChannelDirectory>();
        services.AddSingleton<Channels.WhatsApp.WhatsAppWebhook>();
        services.AddHttpClient(Channels.WhatsApp.GraphApiClient.HttpClientName);
        services.TryAddSingleton<IChannelSender, Channels.WhatsApp.GraphApiClient>();

        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.AddSingleton<DemoSeeder>();
        if (configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() is not { Enabled: false })
        {
            // The demo's numbers have no access token: they talk to the built-in Graph API stand-in.
            services.PostConfigure<Channels.WhatsApp.WhatsAppOptions>(whatsApp => whatsApp.SimulateNumbersWithoutToken = true);
            services.AddTransient<GraphApiStandIn>();
            services.AddHttpClient(Channels.WhatsApp.GraphApiClient.StandInClientName)
                .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<GraphApiStandIn>());
        }
        services.AddSingleton<CustomerSimulator>();
        return services;
    }
}
