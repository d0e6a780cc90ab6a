using ShuttlePro.Core;
using ShuttlePro.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseShuttleSettingsFile();
builder.WebHost.UseStaticWebAssets();

builder.Services.AddShuttleCore(builder.Configuration);
builder.Services.AddShuttleWeb(builder.Configuration);

var app = builder.Build();
await app.PrepareDataAsync();
app.UseShuttlePipeline();
app.Run();

public partial class Program;
