namespace ShuttlePro.Core.Demo;

/// <summary>How a seeded conversation ends up: waiting in a queue, owned, pending or resolved.</summary>
public enum DemoEnd
{
    Queue,
    Owned,
    Pending,
    Resolved,
}

/// <summary>
/// One seeded conversation. Lines starting with "c:" are the customer's, "a:" the owner's replies.
/// <paramref name="MinutesAgo"/> is when its last line was written.
/// </summary>
public sealed record DemoThread(string Brand, string Customer, string Phone, DemoEnd End, string? Owner, string Team,
    int MinutesAgo, IReadOnlyList<string> Lines);

/// <summary>The demo organisation and its conversations: order status, late couriers, COD, returns, exchanges, damage.</summary>
public static class DemoScript
{
    public const string Zeenat = "Zeenat Fashion";
    public const string Gadget = "GadgetBazaar";
    public const string Support = "Support";
    public const string Ops = "Ops";
    public const string Complaints = "Complaints";

    public sealed record DemoAccount(string Email, string Name, string[] Roles, string[] Teams);

    public sealed record DemoChannel(string Brand, string Name, string PhoneNumberId, string DisplayPhoneNumber, string DefaultTeam);

    public static readonly IReadOnlyList<string> Teams = [Support, Ops, Complaints];

    public static readonly IReadOnlyList<DemoChannel> Channels =
    [
        new(Zeenat, "Zeenat Fashion WhatsApp", "100000000000001", "+92 300 1112233", Support),
        new(Gadget, "GadgetBazaar WhatsApp", "100000000000002", "+92 321 4445566", Support),
    ];

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("ayesha@shuttlepro.test", "Ayesha Siddiqui", [Directory.Roles.Agent], [Support]),
        new("bilal@shuttlepro.test", "Bilal Ahmed", [Directory.Roles.Agent], [Support]),
        new("zara@shuttlepro.test", "Zara Hussain", [Directory.Roles.Agent], [Support]),
        new("hamza@shuttlepro.test", "Hamza Sheikh", [Directory.Roles.Agent], [Ops]),
        new("sana@shuttlepro.test", "Sana Malik", [Directory.Roles.ShiftLead], [Support, Ops]),
        new("imran@shuttlepro.test", "Imran Qureshi", [Directory.Roles.Supervisor], []),
        new("admin@shuttlepro.test", "Admin", [Directory.Roles.Admin], []),
    ];

    private static DemoThread T(string brand, string customer, string phone, DemoEnd end, string? owner, int minutesAgo,
        params string[] lines) => new(brand, customer, phone, end, owner, Support, minutesAgo, lines);

    private static DemoThread InTeam(this DemoThread thread, string team) => thread with { Team = team };

    public static readonly IReadOnlyList<DemoThread> Threads =
    [
        // Waiting unowned in Support: the queue a new agent sees first.
        T(Zeenat, "Fatima Khan", "923001234501", DemoEnd.Queue, null, 3,
            "c:Assalam o alaikum, mera order ZF-48213 kab tak aayega? 5 din ho gaye hain",
            "c:Tracking number bhi nahi mila abhi tak"),
        T(Gadget, "Ali Raza", "923211234502", DemoEnd.Queue, null, 6,
            "c:Hi, I ordered the X9 wireless earbuds (GB-77102). The courier says 'consignee not available' but I was home all day!"),
        T(Zeenat, "Hira Malik", "923331234503", DemoEnd.Queue, null, 9,
            "c:Lawn 3-piece ka size M bohat tight hai, kya L mein exchange ho sakta hai?",
            "c:Order number ZF-48377 hai"),
        T(Gadget, "Usman Tariq", "923451234504", DemoEnd.Queue, null, 12,
            "c:Power bank box khola to andar se crack tha. Pictures bhej doon?"),
        T(Zeenat, "Mehwish Iqbal", "923011234505", DemoEnd.Queue, null, 15,
            "c:Is the Eid collection kurta (maroon, ZF-KR-221) available in size S?",
            "c:And do you deliver to Sukkur?"),
        T(Gadget, "Ahmed Siddiqui", "923121234506", DemoEnd.Queue, null, 19,
            "c:COD order hai GB-77155, rider 2 baar aaya lekin change nahi tha uske paas. Ab kya hoga?"),
        T(Zeenat, "Sadia Noor", "923341234507", DemoEnd.Queue, null, 24,
            "c:Mujhe dupatta ka color picture se bilkul different mila hai. Yeh return hoga?"),
        T(Gadget, "Kamran Javed", "923061234508", DemoEnd.Queue, null, 31,
            "c:Smartwatch W7 pairing nahi ho rahi iPhone ke saath. Koi guide hai?"),
        T(Zeenat, "Nimra Aslam", "923151234509", DemoEnd.Queue, null, 38,
            "c:Hello! Sale wala order ZF-48502 cancel karna hai please, ghalat size select ho gaya"),
        T(Gadget, "Farhan Qureshi", "923361234510", DemoEnd.Queue, null, 46,
            "c:Order GB-77190 shows delivered but I never received it. Who signed for it?"),
        T(Zeenat, "Rabia Shah", "923021234511", DemoEnd.Queue, null, 55,
            "c:Kya aap log Lahore mein same day delivery karte hain?"),
        T(Gadget, "Danish Ahmed", "923131234512", DemoEnd.Queue, null, 64,
            "c:Charger 65W ka order kiya tha, 25W wala aaya hai. Order GB-77213"),

        // Complaints team queue.
        T(Zeenat, "Maryam Yousaf", "923071234513", DemoEnd.Queue, null, 40,
            "c:Third time complaint kar rahi hoon. ZF-47990 ka refund 2 hafte se pending hai. Yeh kya tareeqa hai?").InTeam(Complaints),
        T(Gadget, "Saad Butt", "923141234514", DemoEnd.Queue, null, 75,
            "c:Your rider was extremely rude and refused to let me open the parcel before paying COD. I want to file a complaint.").InTeam(Complaints),

        // Owned and open: Ayesha.
        T(Zeenat, "Aiza Rehman", "923081234515", DemoEnd.Owned, "ayesha@shuttlepro.test", 2,
            "c:Order ZF-48110 ka status kya hai?",
            "a:Walaikum assalam! Aap ka order kal TCS ko hand over hua hai, tracking 77310245. 2 working days mein pohanch jayega.",
            "c:Shukriya! Kya rider call karega pehle?"),
        T(Gadget, "Zeeshan Ali", "923171234516", DemoEnd.Owned, "ayesha@shuttlepro.test", 14,
            "c:I want to return the Bluetooth speaker, sound is distorted at high volume",
            "a:Sorry to hear that, Zeeshan. Could you share a short video of the issue? We'll arrange a free pickup.",
            "c:Sent the video just now"),
        T(Zeenat, "Bushra Anwar", "923281234517", DemoEnd.Owned, "ayesha@shuttlepro.test", 27,
            "c:Kya main apna address change kar sakti hoon? Order ZF-48420",
            "a:Ji bilkul, naya address bata dein. Order abhi dispatch nahi hua."),
        T(Gadget, "Imtiaz Hussain", "923391234518", DemoEnd.Owned, "ayesha@shuttlepro.test", 52,
            "c:Warranty claim for earbuds, left side not charging",
            "a:Please share your order number and a photo of the warranty card.",
            "c:GB-76881, photo attached"),

        // Owned and open: Bilal.
        T(Gadget, "Naveed Akhtar", "923001234519", DemoEnd.Owned, "bilal@shuttlepro.test", 4,
            "c:Bhai mera parcel 8 din se Leopards ke warehouse mein para hai, GB-77021",
            "a:Main abhi Leopards se confirm karta hoon, 10 minute dein please.",
            "c:Theek hai, intezar kar raha hoon"),
        T(Zeenat, "Samina Pervaiz", "923221234520", DemoEnd.Owned, "bilal@shuttlepro.test", 21,
            "c:Unstitched suit mein shirt ka fabric kam hai, 2.5 meter hona chahiye tha",
            "a:Maazrat! Kya aap measuring tape ke saath ek photo bhej sakti hain? Hum replacement arrange kar dein ge."),
        T(Gadget, "Tariq Mehmood", "923301234521", DemoEnd.Owned, "bilal@shuttlepro.test", 36,
            "c:Can I pay by bank transfer instead of COD for order GB-77240?",
            "a:Yes! I'll share our account details. Please send the screenshot after transfer.",
            "c:Done, screenshot sent"),
        T(Zeenat, "Amna Farooq", "923411234522", DemoEnd.Owned, "bilal@shuttlepro.test", 70,
            "c:Size chart mein 'M' ka chest kitna hai?",
            "a:M ka chest 20 inch (half) hai, length 40 inch."),

        // Owned and open: Zara.
        T(Zeenat, "Kiran Baig", "923041234523", DemoEnd.Owned, "zara@shuttlepro.test", 7,
            "c:Mera parcel aaya hai lekin ek suit missing hai. 3 order kiye the, 2 aaye. ZF-48301",
            "a:Kiran, main warehouse se packing list check kar rahi hoon. Aap box ka label photo bhej dein?",
            "c:Bhej diya"),
        T(Gadget, "Omer Farooq", "923191234524", DemoEnd.Owned, "zara@shuttlepro.test", 18,
            "c:Is the 20,000 mAh power bank allowed in airplane cabin?",
            "a:Yes, 20,000 mAh is 74 Wh, within the 100 Wh cabin limit. Keep it in hand luggage."),
        T(Zeenat, "Hafsa Javed", "923261234525", DemoEnd.Owned, "zara@shuttlepro.test", 44,
            "c:Exchange ka parcel wapas bhej diya hai M&P se, tracking MP5520193",
            "a:Shukriya Hafsa! Parcel milte hi hum L size dispatch kar dein ge.",
            "c:Kitne din lagenge?"),
        T(Gadget, "Waqas Anjum", "923371234526", DemoEnd.Owned, "zara@shuttlepro.test", 90,
            "c:Invoice chahiye company reimbursement ke liye, order GB-76990",
            "a:Zaroor, apni company ka naam aur NTN bata dein."),

        // Owned by the shift lead.
        T(Gadget, "Shahid Latif", "923091234527", DemoEnd.Owned, "sana@shuttlepro.test", 11,
            "c:I placed 12 orders for my office (bulk). Can I get a corporate discount?",
            "a:Thank you Shahid! For 10+ units we offer 8% off. I'll prepare a quotation for you."),
        T(Zeenat, "Nadia Karim", "923201234528", DemoEnd.Owned, "sana@shuttlepro.test", 33,
            "c:Mera refund abhi tak nahi aaya, 10 din ho gaye",
            "a:Nadia, main finance team se aaj hi confirm karti hoon aur shaam tak update deti hoon."),

        // Ops: courier follow-ups handed over from Support.
        T(Gadget, "Asif Nawaz", "923311234529", DemoEnd.Owned, "hamza@shuttlepro.test", 8,
            "c:Trax says my parcel GB-77077 was returned to sender. Why?? I never refused it.",
            "a:Asif, I've raised a reattempt with Trax. Can you confirm your nearest landmark for the rider?",
            "c:Near Liberty Chowk, opposite Hardee's").InTeam(Ops),
        T(Zeenat, "Rukhsana Bibi", "923421234530", DemoEnd.Owned, "hamza@shuttlepro.test", 29,
            "c:COD ka paisa rider ne le liya lekin order system mein abhi bhi 'unpaid' dikha raha hai",
            "a:Rukhsana ji, main courier se receipt mangwa raha hoon. Aap ka order number kya hai?",
            "c:ZF-48155").InTeam(Ops),
        T(Gadget, "Junaid Khalid", "923101234531", DemoEnd.Owned, "hamza@shuttlepro.test", 58,
            "c:Parcel 2 hafte se 'in transit' hai Karachi hub pe, GB-76920",
            "a:Main PostEx ke hub se baat kar raha hoon, kal subah tak update de dunga.").InTeam(Ops),
        T(Zeenat, "Shazia Aziz", "923231234532", DemoEnd.Queue, null, 26,
            "c:Rider ne kaha address incomplete hai, lekin sab kuch likha tha. ZF-48390").InTeam(Ops),

        // Pending: waiting on the customer or on a courier.
        T(Gadget, "Adeel Raza", "923321234533", DemoEnd.Pending, "bilal@shuttlepro.test", 130,
            "c:Earbuds ka ek side kaam nahi kar raha",
            "a:Please ek video bhej dein jismein dono earbuds pair ho rahe hon, phir hum replacement approve kar dein ge."),
        // Quiet for more than a day: WhatsApp's 24-hour window is closed, only an approved template can reach her.
        T(Zeenat, "Saima Rauf", "923431234534", DemoEnd.Pending, "ayesha@shuttlepro.test", 26 * 60,
            "c:Kya yeh suit wapas stock mein aayega? ZF-LW-118",
            "a:Restock next week expected hai. Aayega to hum aap ko WhatsApp kar dein ge."),
        T(Gadget, "Fahad Mustafa", "923111234535", DemoEnd.Pending, "zara@shuttlepro.test", 240,
            "c:Need the phone case in black, not blue",
            "a:We've asked the warehouse to swap it. Could you confirm your delivery address once more?"),

        // Resolved.
        T(Zeenat, "Uzma Sattar", "923051234536", DemoEnd.Resolved, "ayesha@shuttlepro.test", 300,
            "c:Order mil gaya, bohat khoobsurat hai! Shukriya",
            "a:Bohat shukriya Uzma! Apni photo share karein to hum apne page pe feature kar dein ge 😊"),
        T(Gadget, "Khurram Shahzad", "923161234537", DemoEnd.Resolved, "bilal@shuttlepro.test", 420,
            "c:How long is the warranty on the smartwatch?",
            "a:The W7 has a 1-year brand warranty against manufacturing defects.",
            "c:Great, thanks"),
        T(Zeenat, "Lubna Tahir", "923271234538", DemoEnd.Resolved, "zara@shuttlepro.test", 600,
            "c:Exchange wala parcel mil gaya, size perfect hai",
            "a:Zabardast! Koi aur madad chahiye ho to bataiye ga."),
        T(Gadget, "Haris Iqbal", "923381234539", DemoEnd.Resolved, "ayesha@shuttlepro.test", 900,
            "c:Damaged charger replacement aa gaya. Thank you for the quick help",
            "a:Glad we could fix it, Haris. Enjoy!"),
        T(Zeenat, "Sobia Nasir", "923441234540", DemoEnd.Resolved, "bilal@shuttlepro.test", 1300,
            "c:COD pe order kar sakti hoon Multan mein?",
            "a:Ji haan, Multan mein COD available hai. Delivery 3-4 din mein."),
        T(Gadget, "Yasir Arafat", "923031234541", DemoEnd.Resolved, "zara@shuttlepro.test", 1700,
            "c:Refund received for GB-76540, thanks",
            "a:Thank you for confirming, Yasir!"),
        T(Zeenat, "Farah Deeba", "923181234542", DemoEnd.Resolved, "sana@shuttlepro.test", 2100,
            "c:Aap ki store location kahan hai? Try karna tha",
            "a:Hum online-only brand hain, lekin free size exchange dete hain 7 din ke andar."),
        T(Gadget, "Bilawal Chandio", "923291234543", DemoEnd.Resolved, "hamza@shuttlepro.test", 2600,
            "c:Courier ne parcel de diya finally",
            "a:Shukriya confirm karne ka! Delay ke liye maazrat.").InTeam(Ops),
        T(Zeenat, "Tahira Ashraf", "923401234544", DemoEnd.Resolved, "ayesha@shuttlepro.test", 3400,
            "c:Gift wrapping available hai?",
            "a:Ji, Rs. 150 extra mein gift wrap aur card dono."),
        T(Gadget, "Moiz Ahmed", "923061234545", DemoEnd.Resolved, "bilal@shuttlepro.test", 4000,
            "c:Does the speaker support aux input?",
            "a:Yes, it has a 3.5 mm aux port and Bluetooth 5.3."),
    ];

    /// <summary>New customers the simulator brings in, with their first message.</summary>
    public static readonly IReadOnlyList<(string Name, string Phone, string Brand, string Text)> NewCustomers =
    [
        ("Arslan Khan", "923001239001", Gadget, "Salam, earbuds X9 ka black color stock mein hai?"),
        ("Mahnoor Fatima", "923211239002", Zeenat, "Hi, I need my order ZF-48611 before Friday for a wedding, is that possible?"),
        ("Sheraz Ali", "923331239003", Gadget, "Mera order GB-77301 abhi tak dispatch kyun nahi hua?"),
        ("Iqra Aziz", "923451239004", Zeenat, "Kurta ka stitching kharab nikla, seam khul gayi hai"),
        ("Qasim Raza", "923011239005", Gadget, "Do you have a store in Islamabad where I can check the smartwatch?"),
        ("Anum Zafar", "923121239006", Zeenat, "COD ke liye extra charges hain kya?"),
        ("Hamid Mir", "923341239007", Gadget, "The charger I got is making a buzzing sound. Is that normal?"),
        ("Sidra Batool", "923061239008", Zeenat, "Sale mein 40% off tha lekin bill mein discount nahi laga"),
        ("Talha Anwar", "923151239009", Gadget, "Leopards rider keh raha hai parcel damaged hai, lena chahiye ya nahi?"),
        ("Zainab Qadir", "923361239010", Zeenat, "Kya main 2 alag sizes order kar ke ek wapas kar sakti hoon?"),
        ("Rizwan Haider", "923021239011", Gadget, "Order GB-77355 ka tracking link open nahi ho raha"),
        ("Aqsa Mumtaz", "923131239012", Zeenat, "Please cancel my order ZF-48640, I ordered twice by mistake"),
    ];

    /// <summary>Follow-ups the simulator sends into conversations that are already open.</summary>
    public static readonly IReadOnlyList<string> FollowUps =
    [
        "Koi update?",
        "Hello? Kya koi hai?",
        "Any update on this please?",
        "Rider ka number mil sakta hai?",
        "Theek hai, shukriya",
        "Please jaldi bata dein, kal mujhe chahiye",
        "I've been waiting for over an hour now",
        "Kal tak mil jayega na?",
        "Ok, photo bhej di hai",
        "Can you call me instead?",
        "Order number upar likha hai",
        "Thank you so much! 🙏",
    ];
}

/// <summary>Labels, canned replies, notes and handoffs that make the demo look lived-in.</summary>
public static class DemoWorkspace
{
    public static readonly IReadOnlyList<(string Name, string Color)> Labels =
    [
        ("COD", "#b45309"),
        ("Courier delay", "#dc2626"),
        ("Exchange", "#2563eb"),
        ("Damaged item", "#7c3aed"),
        ("Refund", "#0891b2"),
        ("VIP", "#16a34a"),
    ];

    public static readonly IReadOnlyList<(string Shortcut, string Title, string Body)> CannedReplies =
    [
        ("tracking", "Tracking number", "Assalam o alaikum {{contact.first_name}}! Aap ka order dispatch ho gaya hai. Tracking number: ____. 2-3 working days mein pohanch jayega. — {{agent.name}}, {{brand.name}}"),
        ("cod", "Cash on delivery", "{{contact.first_name}}, COD available hai. Rider ko exact amount dene ki koshish karein, kyun ke riders aksar change nahi rakhte."),
        ("exchange", "Size exchange", "Ji {{contact.first_name}}, exchange 7 din ke andar free hai. Parcel original packing mein wapas bhej dein, hum naya size dispatch kar dein ge."),
        ("delay", "Courier delay apology", "Sorry {{contact.first_name}}, courier ki taraf se delay hai. Hum ne complaint register kar di hai ({{conversation.number}}) aur aaj hi update dein ge."),
        ("thanks", "Thank you", "Shukriya {{contact.first_name}}! {{brand.name}} se khareedari ka shukriya. Koi aur madad chahiye ho to bataiye ga."),
    ];

    /// <summary>Customer name → labels on their conversation.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ConversationLabels = new Dictionary<string, string[]>
    {
        ["Ahmed Siddiqui"] = ["COD"],
        ["Ali Raza"] = ["Courier delay"],
        ["Hira Malik"] = ["Exchange"],
        ["Usman Tariq"] = ["Damaged item"],
        ["Farhan Qureshi"] = ["Courier delay"],
        ["Maryam Yousaf"] = ["Refund", "VIP"],
        ["Naveed Akhtar"] = ["Courier delay"],
        ["Asif Nawaz"] = ["Courier delay"],
        ["Rukhsana Bibi"] = ["COD"],
        ["Hafsa Javed"] = ["Exchange"],
    };

    /// <summary>Customer name → internal notes (author email, text, pinned).</summary>
    public static readonly IReadOnlyDictionary<string, (string Author, string Body, bool Pinned)[]> Notes =
        new Dictionary<string, (string, string, bool)[]>
        {
            ["Naveed Akhtar"] = [("bilal@shuttlepro.test", "Order GB-77021 · Leopards CN 4410293377 · stuck at Lahore warehouse since 18 Nov. Called Leopards once, no answer.", true)],
            ["Kiran Baig"] = [("zara@shuttlepro.test", "Order ZF-48301: 3 suits billed, 2 delivered. Missing: maroon kurta (ZF-KR-221). Warehouse checking packing list.", true)],
            ["Zeeshan Ali"] = [("ayesha@shuttlepro.test", "Bluetooth speaker BT-200, bought 12 Nov. Video shows distortion above 70% volume. Pickup to be booked with TCS.", true)],
            ["Asif Nawaz"] = [("hamza@shuttlepro.test", "Trax CN 99120034 marked 'returned to sender' on 23 Nov without an attempt. Reattempt raised, ticket TRX-55810.", true)],
            ["Rukhsana Bibi"] = [("hamza@shuttlepro.test", "Rider collected Rs. 4,850 COD on 22 Nov (receipt photo in thread). Finance still shows unpaid: ask finance to reconcile.", true)],
            ["Nadia Karim"] = [("sana@shuttlepro.test", "Refund Rs. 3,200 approved 15 Nov; finance batch runs Tuesdays. Check with finance before promising a date.", false)],
        };

    /// <summary>Customer name → the handoff that brought the conversation to Ops (by, note).</summary>
    public static readonly IReadOnlyDictionary<string, (string By, string Note)> HandoffsToOps = new Dictionary<string, (string, string)>
    {
        ["Asif Nawaz"] = ("ayesha@shuttlepro.test", "Customer says Trax returned the parcel without trying. Needs a reattempt and a call to the Trax hub; I promised an update today."),
        ["Rukhsana Bibi"] = ("bilal@shuttlepro.test", "COD paid to the rider but the order shows unpaid. Please check the courier's remittance and update finance."),
    };
}
