namespace ShuttlePro.Bench;

/// <summary>
///   dotnet run -c Release --project ShuttlePro.Bench -- fanout [watchers] [replies]
///   dotnet run -c Release --project ShuttlePro.Bench -- ingest [messages] [concurrency] [duplicate%] [raw|httpclient]
///   dotnet run -c Release --project ShuttlePro.Bench -- audit [events]
///   dotnet run -c Release --project ShuttlePro.Bench -- boards [conversations] [agents] [circuits] [events]
///   dotnet run -c Release --project ShuttlePro.Bench -- hubfanout [clients=100,1000,2000] [rates=20,200] [seconds=15] [agent|supervisor] [inproc|outproc]
///   dotnet run -c Release --project ShuttlePro.Bench -- circuits [pages=50,100,200] [rows=50] [agents=16] [gcdump-folder]
/// </summary>
internal static class BenchMain
{
    public static Task Main(string[] args) => args.FirstOrDefault() switch
    {
        "ingest" => WebhookIngestion.RunAsync(args[1..]),
        "fanout" => LiveFanOut.RunAsync(args[1..]),
        "ingest-core" => CoreIngestion.RunAsync(args[1..]),
        "audit" => AuditTrailBench.RunAsync(args[1..]),
        "kpi" => KpiBench.RunAsync(args[1..]),
        "boards" => BoardsBench.RunAsync(args[1..]),
        "hubfanout" => HubFanOut.RunAsync(args[1..]),
        "hubclients" => HubClients.RunChildAsync(args[1..]), // hubfanout's clients in a process of their own
        "circuits" => CircuitsBench.RunAsync(args[1..]),
        "circuits-browser" => BrowserProcess.RunChildAsync(args[1..]), // the circuits bench's browser, in a process of its own
        _ when args.Length > 0 && int.TryParse(args[0], out _) => LiveFanOut.RunAsync(args), // the original form: <watchers> <replies>
        _ => Usage(),
    };

    private static Task Usage()
    {
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- fanout [watchers=200] [replies=300]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- ingest [messages=20000] [concurrency=64] [duplicate%=10] [raw|httpclient]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- audit [events=1000000]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- boards [conversations=10000] [agents=200] [circuits=20] [events=100]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- hubfanout [clients=100,1000,2000] [rates=20,200] [seconds=15] [agent|supervisor] [inproc|outproc]");
        Console.WriteLine("dotnet run -c Release --project ShuttlePro.Bench -- circuits [pages=50,100,200] [rows=50] [agents=16] [gcdump-folder]");
        return Task.CompletedTask;
    }
}
