using System.Diagnostics;

namespace ShuttlePro.Bench;

/// <summary>
/// Signed webhook ingestion (the <c>ingest</c> load) against app instances in child processes on one SQLite file: one
/// instance with the in-process bus, one with the Redis bus, two behind Redis with the senders split evenly over them
/// (setups <c>1</c>, <c>1r</c>, <c>2r</c>; <c>2</c> = two instances without Redis), each on a fresh database, one after
/// the other in one run. The load generator is this process. After each run: the database check of <c>ingest</c> and what
/// the instances logged about SQLite's file lock (each process has its own write gate, so two processes meet on the lock).
///   dotnet run -c Release --project ShuttlePro.Bench -- ingest2 [messages=40000] [concurrency=128] [duplicate%=10] [setups=1,1r,2r]
/// </summary>
internal static class IngestionAcrossInstances
{
    public static async Task RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0]) : 40_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1]) : 128;
        var duplicatePercent = args.Length > 2 ? int.Parse(args[2]) : 10;
        var setups = Setup.Parse(args.Length > 3 ? args[3] : "1,1r,2r");

        var load = WebhookLoad.Create(messages, duplicatePercent, AppCluster.AppSecret);
        Console.WriteLine($"{Environment.ProcessorCount} cores; {load.Deliveries.Length} deliveries ({messages} unique) per setup, " +
                          $"{concurrency} raw HTTP/1.1 senders; instances are child processes");
        var summary = new List<string>();
        foreach (var setup in setups)
        {
            var loadBefore = Machine.LoadAverage();
            await using var cluster = await AppCluster.StartAsync(setup.Instances, setup.Redis);
            var servers = cluster.Instances.Select(i => i.BaseAddress).ToArray();
            await load.WarmUpAsync(servers, concurrency, rawClient: true);

            var machineFrom = Machine.Cpu();
            var instancesFrom = cluster.ProcessorTimes();
            var benchFrom = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await load.MeasureAsync(servers, cluster.DatabasePath, concurrency, rawClient: true);
            var cpu = $"CPU of the machine: {cluster.DescribeCpu(instancesFrom, result.Elapsed)}, senders " +
                      $"{(Process.GetCurrentProcess().TotalProcessorTime - benchFrom).TotalSeconds / result.Elapsed.TotalSeconds / Environment.ProcessorCount:P0}; " +
                      $"machine busy {Machine.BusySince(machineFrom):P0}; load {loadBefore} before";
            // SqliteException "SQLite Error 5: 'database is locked'" once the busy wait (Microsoft.Data.Sqlite's command timeout) ran out.
            var locked = cluster.Instances.Sum(i => i.CountInLog("database is locked"));
            var batchesFailed = cluster.Instances.Sum(i => i.CountInLog("inbound messages failed; storing them one by one"));
            var messagesFailed = cluster.Instances.Sum(i => i.CountInLog("could not be stored"));

            Console.WriteLine($"{cluster.Name}:");
            Console.WriteLine(result.Describe());
            Console.WriteLine($"  {cpu}");
            Console.WriteLine($"  logged: {locked} 'database is locked', {batchesFailed} batches failed and retried one by one, " +
                              $"{messagesFailed} messages not stored");
            var sorted = result.Latencies.Order().ToArray();
            summary.Add($"| {cluster.Name} | {result.UniquePerSecond:F0} | {Latency.Percentile(sorted, 0.50):F0} / {Latency.Percentile(sorted, 0.95):F0} / " +
                        $"{Latency.Percentile(sorted, 0.99):F0} / {sorted[^1]:F0} ms | {load.Unique - result.Distinct} / {result.Stored - result.Distinct} | " +
                        $"{result.Failures} | {locked} | {cpu} |");
        }
        Console.WriteLine();
        Console.WriteLine("| setup | unique msgs/s | ack p50 / p95 / p99 / max | lost / duplicated | non-200 | 'locked' logged | CPU, load |");
        Console.WriteLine("| --- | ---: | --- | --- | ---: | ---: | --- |");
        foreach (var line in summary) Console.WriteLine(line);
    }

    private sealed record Setup(int Instances, bool Redis)
    {
        /// <summary>"1,1r,2r": a number of instances, with "r" for the Redis bus.</summary>
        public static Setup[] Parse(string text) => text.Split(',').Select(s => new Setup(int.Parse(s.TrimEnd('r')), s.EndsWith('r'))).ToArray();
    }
}
