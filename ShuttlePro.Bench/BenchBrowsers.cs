using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Playwright;
using ShuttlePro.Core.Demo;

namespace ShuttlePro.Bench;

/// <summary>A page and what "its content is visible" means for it.</summary>
sealed record PageRoute(string Path, Func<IPage, Task> Shown);

/// <summary>Counts the app's live Blazor circuits (a closed tab's circuit goes when the browser says goodbye).</summary>
sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }

    public async Task WaitForAsync(int count)
    {
        var wait = Stopwatch.StartNew();
        while (Open != count)
        {
            if (wait.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"{Open} circuits open, expected {count}");
            await Task.Delay(50);
        }
    }
}

/// <summary>Signed-in browser contexts on the app; each page in a context of its own, as on separate machines.</summary>
sealed class Browsers(IBrowser browser, Uri baseAddress)
{
    private static long _allBytesReceived;

    /// <summary>Debian's Chromium, headless, without the background traffic of a desktop browser.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] moreArgs) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", .. moreArgs],
        });

    /// <summary>
    /// What every page received over its circuit so far. Playwright's driver forwards each frame to its .NET client,
    /// which runs in this process: that work is counted as the server's CPU, so the benchmark says how much it was.
    /// </summary>
    public static long AllBytesReceived => Interlocked.Read(ref _allBytesReceived);

    /// <summary>A fresh page in a context of its own, with the cookies of <paramref name="storageState"/> (none when null).</summary>
    public async Task<IPage> NewPageAsync(string? storageState)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            StorageState = storageState,
        });
        context.SetDefaultTimeout(120_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form; returns the context's cookies for the pages opened later.</summary>
    public async Task<string> SignInAsync(string email)
    {
        var page = await NewPageAsync(null);
        await page.GotoAsync("/inbox");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(DemoOptions.DefaultPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("me-name").WaitForAsync();
        var state = await page.Context.StorageStateAsync();
        await CloseAsync(page);
        return state;
    }

    /// <summary>
    /// Time from starting the navigation until the page shows its content; with the server's CPU meanwhile (the browser
    /// is a process of its own) and what came over the circuit's WebSocket.
    /// </summary>
    public async Task<Opened> OpenAsync(string storageState, PageRoute route)
    {
        var page = await NewPageAsync(storageState);
        long socketBytes = 0, received = 0, sent = 0;
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) =>
            {
                var bytes = frame.Binary?.Length ?? frame.Text?.Length ?? 0;
                Interlocked.Increment(ref received);
                Interlocked.Add(ref socketBytes, bytes);
                Interlocked.Add(ref _allBytesReceived, bytes);
            };
            socket.FrameSent += (_, _) => Interlocked.Increment(ref sent);
        };
        var cpu = BenchMemory.Cpu();
        var started = Stopwatch.GetTimestamp();
        await page.GotoAsync(route.Path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await route.Shown(page);
        return new Opened(page, Stopwatch.GetElapsedTime(started), BenchMemory.Cpu() - cpu, Interlocked.Read(ref socketBytes),
            Interlocked.Read(ref received), Interlocked.Read(ref sent));
    }

    /// <summary>
    /// <paramref name="count"/> pages, the routes and users taking turns, each showing its content. Refuses to go on
    /// when the machine is short of memory (a board page costs Chromium about half a gigabyte, the server a quarter).
    /// </summary>
    public async Task<List<IPage>> OpenManyAsync(string[] users, PageRoute[] routes, int count)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < count; i++)
        {
            BenchMemory.EnsureAvailable(pages.Count);
            pages.Add((await OpenAsync(users[i / routes.Length % users.Length], routes[i % routes.Length])).Page);
        }
        return pages;
    }

    /// <summary>Leaves the page first, so Blazor tells the server to drop the circuit now rather than keep it for a reconnect.</summary>
    public static async Task CloseAsync(IPage page)
    {
        await page.GotoAsync("about:blank");
        await page.Context.CloseAsync();
    }
}

sealed record Opened(IPage Page, TimeSpan Elapsed, TimeSpan ServerCpu, long SocketBytes, long FramesReceived, long FramesSent);

/// <summary>The process's memory and CPU as the benchmarks read them.</summary>
static class BenchMemory
{
    /// <summary>The managed heap after a forced, blocking, compacting full collection (finalizers run, then collected again).</summary>
    public static long HeapAfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        return GC.GetTotalMemory(true);
    }

    /// <summary>
    /// The heap once closed pages are gone: a closed page's renderer stays reachable for a while after its circuit closed
    /// (seen in a heap dump: its JS interop calls still pending), so measured at once and again after a minute and a bit.
    /// </summary>
    public static async Task<long> SettledHeapAsync(string when)
    {
        var now = HeapAfterFullGc();
        await Task.Delay(TimeSpan.FromSeconds(70));
        var settled = HeapAfterFullGc();
        Console.WriteLine($"{when}: managed heap {Mb(now):F1} MB at once, {Mb(settled):F1} MB 70 s later");
        return settled;
    }

    /// <summary>The process's resident memory (managed heap, native allocations, code; not the browser, a process of its own).</summary>
    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public static long AvailableMemory() =>
        long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    /// <summary>Stops a benchmark before it takes the shared machine's last 4 GB.</summary>
    public static void EnsureAvailable(int openedSoFar)
    {
        if (AvailableMemory() < 4L << 30)
            throw new InvalidOperationException($"only {AvailableMemory() >> 20:N0} MB of memory left after {openedSoFar} more pages: stopping");
    }

    public static double Mb(long bytes) => bytes / 1048576.0;
}
