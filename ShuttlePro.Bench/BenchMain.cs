namespace ShuttlePro.Bench;

/// <summary>
///   dotnet run -c Release --project ShuttlePro.Bench -- fanout [watchers] [replies]
///   dotnet run -c Release --project ShuttlePro.Bench -- ingest [messages] [concurrency] [duplicate%] [raw|httpclient]
///   dotnet run -c Release --project ShuttlePro.Bench -- ingest2 [messages=40000] [concurrency=128] [duplicate%=10] [setups=1,1r,2r]
///   dotnet run -c Release --project ShuttlePro.Bench -- audit [events]
///   dotnet run -c Release --project ShuttlePro.Bench -- boards [conversations] [agents] [circuits] [events]
///   dotnet run -c Release --project ShuttlePro.Bench -- hubfanout [clients=100,1000,2000] [rates=20,200] [seconds=15] [agent|supervisor] [inproc|outproc]
///   dotnet run -c Release --project ShuttlePro.Bench -- circuits [pages=50,100,200] [rows=50] [agents=16] [gcdump-folder]
///   dotnet run -c Release --project ShuttlePro.Bench -- hubfanout2 [clients=100,1000] [rate=20] [seconds=15]
///   dotnet run -c Release --project ShuttlePro.Bench -- soak [minutes=5] [rate=1000] [agents=50] [duplicate%=10]
/// </summary>
internal static class BenchMain
{
    public static Task Main(string[] args) => args.FirstOrDefault() switch
    {
        "ingest" => WebhookIngestion.RunAsync(args[1..]),
        "ingest2" => IngestionAcrossInstances.RunAsync(args[1..]),
        "fanout" => LiveFanOut.RunAsync(args[1..]),
        "ingest-core" => CoreIngestion.RunAsync(args[1..]),
        "audit" => AuditTrailBench.RunAsync(args[1..]),
        "kpi" => KpiBench.RunAsync(args[1..]),
        "boards" => BoardsBench.RunAsync(args[1..]),
        "hubfanout" => HubFanOut.RunAsync(args[1..]),
        "hubclients" => HubClients.RunChildAsync(args[1..]), // hubfanout's clients in a process of their own
        "circuits" => CircuitsBench.RunAsync(args[1..]),
        "circuits-browser" => BrowserProcess.RunChildAsync(args[1..]), // the circuits bench's browser, in a process of its own
        "hubfanout2" => HubFanOutAcrossInstances.RunAsync(args[1..]),
        "soak" => SaleDaySoak.RunAsync(args[1..]),
        _ when args.Length > 0 && int.TryParse(args[0], out _) => LiveFanOut.RunAsync(args), // the original form: <watchers> <replies>
        _ => Usage(),
    };

    private static Task Usage()
    {
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- fanout [watchers=200] [replies=300]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- ingest [messages=20000] [concurrency=64] [duplicate%=10] [raw|httpclient]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- ingest2 [messages=40000] [concurrency=128] [duplicate%=10] [setups=1,1r,2r]" +
                          "   (app instances as child processes on one SQLite file; 1 = one instance, 1r = one with the Redis bus, 2r = two behind Redis)");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- audit [events=1000000]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- boards [conversations=10000] [agents=200] [circuits=20] [events=100]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- hubfanout [clients=100,1000,2000] [rates=20,200] [seconds=15] [agent|supervisor] [inproc|outproc]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- circuits [pages=50,100,200] [rows=50] [agents=16] [gcdump-folder]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- hubfanout2 [clients=100,1000] [rate=20] [seconds=15]" +
                          "   (one instance without and with the Redis bus, then two behind Redis: clients on A, or on A and B; changes through B)");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- soak [minutes=5] [rate=1000] [agents=50] [duplicate%=10]" +
                          "   (sale day: inbound at a steady rate with duplicates, agents taking, replying, noting, handing off; checks nothing lost)");
        return Task.CompletedTask;
    }
}
