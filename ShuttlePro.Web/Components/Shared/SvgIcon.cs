using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ShuttlePro.Web.Components.Shared;

/// <summary>
/// A small MudIcon (a MudBlazor SVG icon path) as plain markup, for rows repeated in lists: a MudIcon component per row
/// holds its own render tree and parameter state in every circuit (docs/benchmarks.md, circuits).
/// </summary>
public static class SvgIcon
{
    public static RenderFragment Markup(string icon, string? cssClass = null, string? testId = null) => builder => Build(builder, icon, cssClass, testId);

    private static void Build(RenderTreeBuilder builder, string icon, string? cssClass, string? testId)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", cssClass is null ? "mud-icon-root mud-svg-icon mud-icon-size-small" : $"mud-icon-root mud-svg-icon mud-icon-size-small {cssClass}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        if (testId is not null) builder.AddAttribute(5, "data-testid", testId);
        builder.AddMarkupContent(6, icon);
        builder.CloseElement();
    }
}
