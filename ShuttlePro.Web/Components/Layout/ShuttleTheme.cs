using MudBlazor;

namespace ShuttlePro.Web.Components.Layout;

public static class ShuttleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0f766e",
            Secondary = "#7c3aed",
            Tertiary = "#f59e0b",
            AppbarBackground = "#0f766e",
            Background = "#f4f6f8",
            DrawerBackground = "#ffffff",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
