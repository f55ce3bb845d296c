"""Demo content: real specialities of the 22 paired counties, their cooperatives and routes.

Prices are plausible retail prices in CNY; weights in grams. Each speciality is sold
in two specifications, so the 34 specialities make 68 products.
"""

from decimal import Decimal as D

CATEGORIES = {
    "vegetables": "蔬菜",
    "fruit": "水果",
    "tea": "茶叶",
    "grain": "粮油米面",
    "fungi": "菌菇山珍",
    "eggs_meat": "禽蛋肉",
    "processed": "特产加工品",
    "crafts": "民族手工艺·非遗",
}

HARVEST_MONTHS = {
    "vegetables": "5,6,7,8,9,10",
    "fruit": "5,6,7,8,9",
    "tea": "3,4",
    "grain": "9,10",
    "fungi": "7,8,9",
}


def shelf_life_days(category: str, storage: str) -> int | None:
    """Plausible shelf lives: fresh food by storage, dry goods by category; crafts keep."""
    if category == "crafts":
        return None
    if storage == "chilled":
        return 10
    if storage == "frozen":
        return 180
    return {"tea": 540, "grain": 365, "fungi": 365, "processed": 270}.get(category, 30)


# county slug -> cooperative name, story, households it works with
COOPERATIVES = {
    "qixingguan": ("七星关区高山冷凉蔬菜种植农民专业合作社", 126),
    "jinsha": ("金沙县贡茶与红薯粉条产销农民专业合作社", 88),
    "dafang": ("大方县天麻与漆器产业农民专业合作社", 214),
    "nayong": ("纳雍县樱桃种植与土鸡养殖农民专业合作社", 301),
    "qianxi": ("黔西市化屋村苗绣与生态米农民专业合作社", 97),
    "zhijin": ("织金县竹荪与皂角米农民专业合作社", 265),
    "weining": ("威宁县高原洋芋、苦荞与火腿农民专业合作社", 412),
    "hezhang": ("赫章县核桃与樱桃种植农民专业合作社", 338),
    "baili-dujuan": ("百里杜鹃管理区蜂蜜农民专业合作社", 64),
    "jinhaihu": ("金海湖新区蓝莓种植农民专业合作社", 52),
    "changshun": ("长顺县绿壳鸡蛋与紫王葡萄农民专业合作社", 187),
    "luodian": ("罗甸县火龙果与脐橙种植农民专业合作社", 243),
    "fuquan": ("福泉市金谷福梨种植农民专业合作社", 76),
    "wengan": ("瓮安县黄金芽茶叶农民专业合作社", 91),
    "pingtang": ("平塘县牙舟陶与百香果农民专业合作社", 158),
    "libo": ("荔波县蜜柚种植农民专业合作社", 196),
    "duyun": ("都匀市毛尖茶产销农民专业合作社", 143),
    "dushan": ("独山县盐酸菜加工农民专业合作社", 118),
    "sandu": ("三都水族自治县马尾绣与九阡李农民专业合作社", 229),
    "guiding": ("贵定县云雾贡茶与盘江酥李农民专业合作社", 84),
    "longli": ("龙里县刺梨与蔬菜种植农民专业合作社", 132),
    "huishui": ("惠水县黑糯米种植农民专业合作社", 109),
}

# county, category, name, pinyin label for images, description, storage, [(spec, grams, price, stock)]
SPECIALITIES = [
    ("qixingguan", "vegetables", "七星关高山冷凉蔬菜礼盒", "Gaoshan Shucai", "海拔1600米以上冷凉气候种植的白菜、萝卜、甘蓝组合，清甜少虫害。", "chilled",
     [("家庭装 3kg", 3000, D("49.90"), 80), ("食堂装 10kg", 10000, D("139.00"), 40)]),
    ("qixingguan", "vegetables", "毕节白萝卜", "Bijie Luobo", "高原沙壤土种植，个大皮薄，适合煲汤。", "ambient",
     [("5kg", 5000, D("29.90"), 120), ("15kg 整箱", 15000, D("79.00"), 30)]),
    ("jinsha", "tea", "金沙贡茶", "Jinsha Gongcha", "农产品地理标志产品，清明前后采摘，栗香浓郁。", "ambient",
     [("一级 100g", 100, D("98.00"), 60), ("特级 250g 礼盒", 250, D("268.00"), 25)]),
    ("jinsha", "processed", "金沙手工红薯粉条", "Hongshu Fentiao", "本地红薯淀粉手工漏制，久煮不烂。", "ambient",
     [("500g", 500, D("19.90"), 150), ("2.5kg 家庭装", 2500, D("79.00"), 50)]),
    ("dafang", "fungi", "大方天麻", "Dafang Tianma", "国家地理标志产品，林下仿野生种植的乌天麻。", "ambient",
     [("干片 250g", 250, D("128.00"), 70), ("鲜天麻 1kg", 1000, D("98.00"), 40)]),
    ("dafang", "crafts", "大方漆器果盘", "Dafang Qiqi", "国家级非物质文化遗产大方漆器髹饰技艺，手工髹漆四十余道。", "ambient",
     [("小号 直径20cm", 600, D("368.00"), 12), ("大号 直径32cm", 1200, D("688.00"), 6)]),
    ("dafang", "processed", "大方手撕豆干", "Dafang Dougan", "用大方本地黄豆和山泉水制作，麻辣鲜香。", "ambient",
     [("300g", 300, D("22.80"), 200), ("1kg 分享装", 1000, D("59.00"), 80)]),
    ("nayong", "fruit", "纳雍玛瑙红樱桃", "Manaohong Yingtao", "果皮玛瑙红色，肉厚汁多，每年4–5月上市。", "chilled",
     [("1kg 礼盒", 1000, D("88.00"), 50), ("2.5kg 家庭装", 2500, D("198.00"), 20)]),
    ("nayong", "eggs_meat", "纳雍高山土鸡", "Nayong Tuji", "林下散养300天以上的高山土鸡，整只冷冻配送。", "frozen",
     [("整只 约1.5kg", 1500, D("128.00"), 30), ("两只装 约3kg", 3000, D("238.00"), 15)]),
    ("qianxi", "crafts", "化屋苗绣围巾", "Huawu Miaoxiu", "黔西化屋村苗族绣娘手工刺绣，每一条纹样都不一样。", "ambient",
     [("素色款", 200, D("298.00"), 15), ("满绣款", 250, D("568.00"), 8)]),
    ("qianxi", "grain", "黔西高山生态大米", "Qianxi Dami", "梯田种植，一年一季，米香浓郁。", "ambient",
     [("5kg", 5000, D("59.90"), 100), ("10kg", 10000, D("109.00"), 60)]),
    ("zhijin", "fungi", "织金竹荪", "Zhijin Zhusun", "国家地理标志产品，“菌中皇后”，裙长色白。", "ambient",
     [("干品 100g", 100, D("88.00"), 90), ("干品 250g 礼盒", 250, D("199.00"), 35)]),
    ("zhijin", "processed", "织金皂角米", "Zhijin Zaojiaomi", "皂角树种仁手工剥制，可煮甜汤。", "ambient",
     [("250g", 250, D("39.90"), 110), ("500g", 500, D("72.00"), 60)]),
    ("weining", "vegetables", "威宁洋芋", "Weining Yangyu", "高原冷凉气候种植的黄心土豆，粉糯香甜，威宁县地理标志产品。", "ambient",
     [("5kg", 5000, D("39.90"), 200), ("25kg 批发装", 25000, D("158.00"), 80)]),
    ("weining", "tea", "威宁苦荞茶", "Weining Kuqiao", "高原苦荞烘焙而成，麦香浓郁。", "ambient",
     [("300g 罐装", 300, D("36.00"), 140), ("1kg 袋装", 1000, D("99.00"), 60)]),
    ("weining", "eggs_meat", "威宁火腿", "Weining Huotui", "高原冷凉气候自然发酵三年，咸香回甘。", "ambient",
     [("切片 500g", 500, D("88.00"), 60), ("整腿 约5kg", 5000, D("698.00"), 8)]),
    ("hezhang", "processed", "赫章核桃", "Hezhang Hetao", "国家地理标志产品，壳薄仁满，出仁率高。", "ambient",
     [("1kg", 1000, D("59.00"), 150), ("5kg 整箱", 5000, D("268.00"), 40)]),
    ("hezhang", "fruit", "赫章樱桃", "Hezhang Yingtao", "高海拔晚熟樱桃，甜度高。", "chilled",
     [("1kg", 1000, D("79.00"), 40), ("2kg", 2000, D("149.00"), 20)]),
    ("baili-dujuan", "processed", "百里杜鹃花蜜", "Dujuan Fengmi", "百里杜鹃林区的百花蜜，一年只取一季。", "ambient",
     [("500g", 500, D("68.00"), 90), ("1kg 礼盒", 1000, D("128.00"), 45)]),
    ("jinhaihu", "fruit", "金海湖蓝莓", "Jinhaihu Lanmei", "高原蓝莓，果粉完整，冷链到家。", "chilled",
     [("125g×4盒", 500, D("69.00"), 60), ("125g×12盒", 1500, D("189.00"), 25)]),
    ("changshun", "eggs_meat", "长顺绿壳鸡蛋", "Lvke Jidan", "长顺乌骨鸡所产绿壳蛋，国家地理标志产品。", "chilled",
     [("30枚", 1500, D("69.00"), 120), ("90枚 整箱", 4500, D("189.00"), 40)]),
    ("changshun", "fruit", "长顺紫王葡萄", "Ziwang Putao", "长顺县特色葡萄，果粒大，甜度高。", "chilled",
     [("2kg", 2000, D("59.00"), 50), ("5kg", 5000, D("135.00"), 20)]),
    ("luodian", "fruit", "罗甸火龙果", "Luodian Huolongguo", "北回归线附近的红心火龙果，国家地理标志产品。", "ambient",
     [("5斤装", 2500, D("59.00"), 100), ("10斤装", 5000, D("108.00"), 50)]),
    ("luodian", "fruit", "罗甸脐橙", "Luodian Qicheng", "河谷气候种植，皮薄多汁。", "ambient",
     [("5kg", 5000, D("69.00"), 80), ("10kg", 10000, D("128.00"), 30)]),
    ("fuquan", "fruit", "福泉金谷福梨", "Jingu Fuli", "国家地理标志产品，肉质细脆，汁多味甜。", "ambient",
     [("5kg", 5000, D("58.00"), 90), ("10kg", 10000, D("108.00"), 40)]),
    ("wengan", "tea", "瓮安黄金芽", "Wengan Huangjinya", "叶色金黄的白化茶，氨基酸含量高。", "ambient",
     [("100g", 100, D("158.00"), 50), ("250g 礼盒", 250, D("368.00"), 20)]),
    ("pingtang", "crafts", "平塘牙舟陶茶具", "Yazhou Taoci", "国家级非遗牙舟陶，釉色如玉，造型古朴。", "ambient",
     [("一壶两杯", 1200, D("328.00"), 10), ("一壶四杯礼盒", 1800, D("458.00"), 6)]),
    ("pingtang", "fruit", "平塘百香果", "Pingtang Baixiangguo", "紫皮百香果，香气浓郁。", "ambient",
     [("3kg", 3000, D("45.00"), 120), ("5kg", 5000, D("69.00"), 70)]),
    ("libo", "fruit", "荔波蜜柚", "Libo Miyou", "国家地理标志产品，果肉晶莹，清甜化渣。", "ambient",
     [("2个装 约4kg", 4000, D("49.90"), 140), ("4个装 约8kg", 8000, D("89.00"), 60)]),
    ("duyun", "tea", "都匀毛尖", "Duyun Maojian", "中国十大名茶之一，条索卷曲，白毫显露，栗香持久。", "ambient",
     [("明前特级 100g", 100, D("168.00"), 80), ("一级 250g", 250, D("198.00"), 60)]),
    ("dushan", "processed", "独山盐酸菜", "Dushan Yansuancai", "百年传统工艺腌制，酸甜微辣，国家地理标志产品。", "ambient",
     [("400g", 400, D("19.80"), 200), ("400g×6 箱装", 2400, D("99.00"), 60)]),
    ("sandu", "crafts", "三都马尾绣钱包", "Mawei Xiu", "国家级非遗水族马尾绣，以马尾为芯、丝线缠绕盘绣。", "ambient",
     [("零钱包", 100, D("168.00"), 20), ("长款钱包", 200, D("268.00"), 12)]),
    ("sandu", "fruit", "三都九阡李", "Jiuqian Li", "水族聚居区九阡镇特产，脆甜爽口。", "chilled",
     [("2.5kg", 2500, D("49.00"), 70), ("5kg", 5000, D("89.00"), 30)]),
    ("guiding", "tea", "贵定云雾贡茶", "Yunwu Gongcha", "历史名茶，清代贡品，鱼钩形外观。", "ambient",
     [("100g", 100, D("138.00"), 50), ("250g 礼盒", 250, D("298.00"), 20)]),
    ("guiding", "fruit", "贵定盘江酥李", "Panjiang Suli", "国家地理标志产品，果肉酥脆。", "chilled",
     [("2.5kg", 2500, D("45.00"), 80), ("5kg", 5000, D("82.00"), 40)]),
    ("longli", "processed", "龙里刺梨原汁", "Longli Cili", "刺梨维生素C含量是猕猴桃的数十倍，冷榨原汁。", "chilled",
     [("250ml×6瓶", 1500, D("59.00"), 120), ("250ml×24瓶", 6000, D("199.00"), 40)]),
    ("longli", "vegetables", "龙里豌豆尖", "Wandou Jian", "早春头茬豌豆尖，嫩绿鲜甜，冷链直达。", "chilled",
     [("1kg", 1000, D("29.90"), 60), ("5kg 食堂装", 5000, D("119.00"), 30)]),
    ("huishui", "grain", "惠水黑糯米", "Huishui Heinuomi", "布依族传统品种，国家地理标志产品，可做五色糯米饭。", "ambient",
     [("2.5kg", 2500, D("45.00"), 100), ("10kg", 10000, D("159.00"), 40)]),
]

# Routes from Guangzhou. Itinerary days: title, description (zh, en) and stops
# (name zh, name en, county slug, latitude, longitude, note zh, note en), WGS-84, in visiting order.
ROUTES = [
    {
        "slug": "baili-dujuan-huahai",
        "county": "baili-dujuan",
        "title": ("百里杜鹃花海三日游", "Baili Dujuan azalea sea, 3 days"),
        "summary": ("世界最大的天然杜鹃林，每年3–5月漫山花海。", "The world's largest natural azalea forest, in bloom March to May."),
        "days": 3, "price": D("1680.00"), "months": ("3–5月", "Mar–May"),
        "theme": "ecology", "seasons": "spring",
        "highlights": (
            "125平方公里原始杜鹃林，41个品种同山开放\n彝族火把、酒礼与传统长桌宴\n大方古城与奢香博物馆",
            "125 km² of wild azalea forest, 41 species blooming on one mountain\nYi torches, toasts and a long-table feast\nDafang old town and the Lady Shexiang museum",
        ),
        "getting_there": (
            "<p>广州南站乘高铁至贵阳北站（约4.5小时），转乘城际动车至百里杜鹃站（约1小时），或自驾约2小时。</p><p>也可从广州白云机场飞毕节飞雄机场（约1小时40分），再乘车约1.5小时。</p>",
            "<p>High-speed train from Guangzhou South to Guiyang North (about 4.5 h), then the intercity train to Baili Dujuan (about 1 h), or drive about 2 h.</p><p>Or fly from Guangzhou Baiyun to Bijie Feixiong (about 1 h 40 min) and drive about 1.5 h.</p>",
        ),
        "tips": (
            "<p>花期受气温影响，出发前请查看景区花情播报。山区早晚温差大，请带外套；周末游客多，建议提前预约门票。</p>",
            "<p>Bloom dates depend on the weather: check the park's bloom report before you go. Mountain evenings are cold, so bring a jacket; book tickets ahead for weekends.</p>",
        ),
        "itinerary": [
            {
                "title": ("广州—百里杜鹃，普底花海", "Guangzhou to Baili Dujuan, Pudi azaleas"),
                "description": ("上午高铁出发，午后抵达，漫步普底景区的马缨杜鹃林。", "Morning train from Guangzhou; in the afternoon walk through the red azalea forest of Pudi."),
                "stops": [
                    ("普底景区", "Pudi scenic area", "baili-dujuan", "27.190000", "105.890000", "杜鹃花海核心区，观景台看日落。", "Heart of the azalea sea; sunset from the viewing deck."),
                    ("百里杜鹃彝族村寨民宿", "Yi village guesthouse, Baili Dujuan", "baili-dujuan", "27.176000", "105.873000", "入住彝家民宿，晚上参加篝火晚会。", "Stay with a Yi family; bonfire party in the evening."),
                ],
            },
            {
                "title": ("金坡花海与彝族文化", "Jinpo azaleas and Yi culture"),
                "description": ("乘观光车游金坡景区，中午品尝彝家长桌宴。", "Sightseeing bus through Jinpo; a Yi long-table lunch."),
                "stops": [
                    ("金坡景区", "Jinpo scenic area", "baili-dujuan", "27.252000", "105.965000", "花海步道约6公里，沿途有多处观景台。", "A 6 km trail through the azaleas with several lookouts."),
                    ("杜鹃花王", "The Azalea King", "baili-dujuan", "27.228000", "105.934000", "树龄数百年的马缨杜鹃。", "A red azalea tree several centuries old."),
                    ("彝族长桌宴", "Yi long-table feast", "baili-dujuan", "27.205000", "105.905000", "坨坨肉、荞饭和自酿米酒。", "Tuotuo pork, buckwheat rice and home-brewed rice wine."),
                ],
            },
            {
                "title": ("大方古城—返回广州", "Dafang old town, back to Guangzhou"),
                "description": ("参观奢香博物馆，选购大方天麻、漆器后返程。", "Visit the Lady Shexiang museum, shop for Dafang gastrodia and lacquerware, then head home."),
                "stops": [
                    ("奢香博物馆", "Lady Shexiang museum", "dafang", "27.141600", "105.613000", "了解明代彝族女政治家奢香夫人的故事。", "The story of Shexiang, a Yi stateswoman of the Ming dynasty."),
                    ("大方漆器街", "Dafang lacquerware street", "dafang", "27.137000", "105.606000", "国家级非遗大方漆器。", "Dafang lacquerware, a national intangible heritage craft."),
                ],
            },
        ],
    },
    {
        "slug": "zhijin-cave",
        "county": "zhijin",
        "title": ("织金洞地质奇观两日游", "Zhijin Cave, 2 days"),
        "summary": ("“溶洞之王”织金洞与织金古城，洞中四季恒温。", "The 'king of karst caves' and Zhijin old town; the cave stays cool all year."),
        "days": 2, "price": D("1280.00"), "months": ("全年", "All year"),
        "theme": "ecology", "seasons": "spring,summer,autumn,winter",
        "highlights": (
            "世界地质公园织金洞，洞内常年约16℃\n织金古城的“宝塔糖”与竹荪宴\n乌江源百里画廊与化屋村",
            "Zhijin Cave world geopark, about 16 °C all year\nZhijin old town's pagoda sweets and bamboo-fungus dishes\nThe Wujiang gorges and Huawu village",
        ),
        "getting_there": (
            "<p>广州南站乘高铁至贵阳北站（约4.5小时），换乘汽车或自驾约2小时到织金。</p><p>航班：广州白云—贵阳龙洞堡（约1.5小时），机场有旅游专线车。</p>",
            "<p>High-speed train from Guangzhou South to Guiyang North (about 4.5 h), then about 2 h by coach or car to Zhijin.</p><p>By air: Guangzhou Baiyun to Guiyang Longdongbao (about 1.5 h), with a tourist shuttle from the airport.</p>",
        ),
        "tips": (
            "<p>洞内游览约2.5小时、台阶较多，请穿防滑鞋。洞内禁止使用闪光灯。</p>",
            "<p>The cave walk takes about 2.5 hours with many steps: wear non-slip shoes. No flash photography in the cave.</p>",
        ),
        "itinerary": [
            {
                "title": ("织金洞", "Zhijin Cave"),
                "description": ("全天游览织金洞，傍晚入住织金古城。", "A full day in Zhijin Cave; evening in the old town."),
                "stops": [
                    ("织金洞世界地质公园", "Zhijin Cave world geopark", "zhijin", "26.790000", "105.870000", "霸王盔、银雨树等47种岩溶堆积形态。", "The Overlord's Helmet, the Silver Rain Tree and 47 kinds of karst formations."),
                    ("织金古城", "Zhijin old town", "zhijin", "26.663400", "105.770500", "夜游古城，品尝织金竹荪和荞凉粉。", "Evening stroll; taste Zhijin bamboo fungus and buckwheat jelly."),
                ],
            },
            {
                "title": ("乌江源百里画廊—返程", "Wujiang gorges, back to Guangzhou"),
                "description": ("乘船游东风湖峡谷，走访化屋村苗族刺绣工坊。", "Boat through the Dongfeng Lake gorges and visit Huawu village's Miao embroidery workshop."),
                "stops": [
                    ("乌江源百里画廊", "Wujiang source gorges", "zhijin", "26.905000", "105.925000", "游船约1.5小时。", "A 1.5-hour boat trip."),
                    ("化屋村", "Huawu village", "qianxi", "26.982000", "105.962000", "苗族蜡染刺绣，乡村振兴示范村。", "Miao batik and embroidery; a model village of rural revitalisation."),
                ],
            },
        ],
    },
    {
        "slug": "libo-xiaoqikong",
        "county": "libo",
        "title": ("荔波小七孔世界遗产三日游", "Libo Xiaoqikong world heritage, 3 days"),
        "summary": ("喀斯特森林里的翡翠之水：小七孔、大七孔与瑶山古寨。", "Emerald water in a karst forest: Xiaoqikong, Daqikong and Yaoshan village."),
        "days": 3, "price": D("1980.00"), "months": ("4–10月", "Apr–Oct"),
        "theme": "ecology", "seasons": "spring,summer,autumn",
        "highlights": (
            "世界自然遗产“中国南方喀斯特”\n小七孔古桥、卧龙潭与水上森林\n瑶山古寨的白裤瑶文化",
            "UNESCO World Heritage 'South China Karst'\nThe Seven-Arch Bridge, Wolong Pool and the water forest\nBaiku Yao culture in Yaoshan village",
        ),
        "getting_there": (
            "<p>广州南站乘高铁至荔波站（约4小时，每天多班），景区直通车约40分钟。</p><p>航班：广州白云—荔波机场（约1.5小时）。</p>",
            "<p>High-speed train from Guangzhou South to Libo (about 4 h, several a day), then about 40 min by park shuttle.</p><p>By air: Guangzhou Baiyun to Libo (about 1.5 h).</p>",
        ),
        "tips": (
            "<p>景区面积大，建议购买观光车票。夏季多雨，带好雨具；水上森林请穿可涉水的凉鞋。</p>",
            "<p>The park is large: buy the sightseeing-bus ticket. Summer is rainy, so bring rain gear; wear sandals for the water forest.</p>",
        ),
        "itinerary": [
            {
                "title": ("广州—荔波，小七孔", "Guangzhou to Libo, Xiaoqikong"),
                "description": ("高铁抵达荔波，午后游小七孔景区。", "Train to Libo; Xiaoqikong in the afternoon."),
                "stops": [
                    ("小七孔古桥", "Seven-Arch Bridge", "libo", "25.270000", "107.720000", "建于清道光年间的七孔石桥。", "A seven-arch stone bridge from the Daoguang era."),
                    ("卧龙潭", "Wolong Pool", "libo", "25.253000", "107.703000", "翡翠色深潭与瀑布。", "An emerald pool below a waterfall."),
                    ("水上森林", "Water forest", "libo", "25.262000", "107.712000", "在林间浅滩上涉水而行。", "Wade through shallow water among the trees."),
                ],
            },
            {
                "title": ("大七孔与茂兰", "Daqikong and Maolan"),
                "description": ("上午大七孔峡谷，下午茂兰国家级自然保护区。", "Daqikong gorge in the morning, Maolan nature reserve in the afternoon."),
                "stops": [
                    ("大七孔", "Daqikong", "libo", "25.282000", "107.683000", "天生桥与恐怖峡。", "The natural bridge and the 'fearsome gorge'."),
                    ("茂兰喀斯特森林", "Maolan karst forest", "libo", "25.330000", "108.050000", "世界同纬度保存最完好的喀斯特原始森林。", "The best-preserved karst primary forest at this latitude."),
                ],
            },
            {
                "title": ("瑶山古寨—返程", "Yaoshan village, back to Guangzhou"),
                "description": ("走进白裤瑶村寨，看陀螺竞技与猴鼓舞。", "Meet the Baiku Yao: top-spinning and the monkey drum dance."),
                "stops": [
                    ("瑶山古寨", "Yaoshan old village", "libo", "25.350000", "107.830000", "白裤瑶粘膏染与谷仓群。", "Baiku Yao resin-dyeing and granaries."),
                    ("荔波古镇", "Libo old town", "libo", "25.411900", "107.886700", "晚餐品尝荔波酸笋鱼后乘高铁返程。", "Sour-bamboo fish for dinner, then the train home."),
                ],
            },
        ],
    },
    {
        "slug": "pingtang-fast",
        "county": "pingtang",
        "title": ("平塘“中国天眼”科普研学两日游", "Pingtang FAST telescope science trip, 2 days"),
        "summary": ("走近500米口径球面射电望远镜，亲子科普研学首选。", "See the 500-metre FAST radio telescope; a science trip for families."),
        "days": 2, "price": D("1380.00"), "months": ("全年", "All year"),
        "theme": "science", "seasons": "spring,summer,autumn,winter",
        "highlights": (
            "观景台俯瞰500米口径球面射电望远镜\n天文体验馆与球幕影院\n夜观星空与“藏字石”地质之谜",
            "Look down on the 500-metre FAST dish\nThe astronomy centre and its dome cinema\nStargazing and the 'hidden character stone'",
        ),
        "getting_there": (
            "<p>广州南站乘高铁至都匀东站（约4小时），再乘车约2小时到天文小镇。</p><p>航班：广州白云—贵阳龙洞堡，自驾约3小时。</p>",
            "<p>High-speed train from Guangzhou South to Duyun East (about 4 h), then about 2 h by road to the astronomy town.</p><p>By air: Guangzhou Baiyun to Guiyang, then about 3 h by car.</p>",
        ),
        "tips": (
            "<p>核心区为电磁波宁静区：手机、相机等电子设备须寄存，不可带入观景台。门票实名限量，请提前预约。</p>",
            "<p>The core area is a radio-quiet zone: phones and cameras must be left in lockers. Tickets are limited and named; book ahead.</p>",
        ),
        "itinerary": [
            {
                "title": ("广州—天文小镇", "Guangzhou to the astronomy town"),
                "description": ("抵达克度天文小镇，参观天文体验馆，晚上观星。", "Arrive in Kedu astronomy town, visit the astronomy centre, stargaze at night."),
                "stops": [
                    ("平塘国际射电天文科普旅游文化园", "Pingtang astronomy science park", "pingtang", "25.660000", "106.870000", "天文体验馆与球幕影院。", "Astronomy centre and dome cinema."),
                    ("克度天文小镇观星营地", "Kedu stargazing camp", "pingtang", "25.670000", "106.880000", "天气晴好时有天文老师带领观星。", "Guided stargazing on clear nights."),
                ],
            },
            {
                "title": ("中国天眼—返程", "FAST telescope, back to Guangzhou"),
                "description": ("上午登观景台看天眼，下午探访掌布藏字石。", "FAST from the lookout in the morning; the 'hidden character stone' in the afternoon."),
                "stops": [
                    ("中国天眼观景台", "FAST lookout", "pingtang", "25.650000", "106.860000", "俯瞰“天眼”全貌，讲解员讲述南仁东的故事。", "The whole dish below you; guides tell Nan Rendong's story."),
                    ("掌布藏字石", "Zhangbu hidden character stone", "pingtang", "25.705000", "107.180000", "岩石上天然形成的“中国共产党”字样。", "A rock whose cracks read 'Communist Party of China'."),
                    ("平塘县城", "Pingtang town", "pingtang", "25.831900", "107.322300", "晚餐后乘车返回都匀东站。", "Dinner, then the drive back to Duyun East station."),
                ],
            },
        ],
    },
    {
        "slug": "duyun-maojian-tea",
        "county": "duyun",
        "title": ("都匀毛尖茶旅两日游", "Duyun Maojian tea trail, 2 days"),
        "summary": ("在毛尖茶园采茶、炒茶，住茶山民宿。", "Pick and roast Maojian tea and stay in a tea-garden guesthouse."),
        "days": 2, "price": D("980.00"), "months": ("3–4月", "Mar–Apr"),
        "theme": "tea", "seasons": "spring,summer",
        "highlights": (
            "中国十大名茶都匀毛尖的核心产区\n跟着制茶师傅手工炒茶\n茶山民宿与茶宴",
            "The home of Duyun Maojian, one of China's ten great teas\nHand-roast tea with a tea master\nA tea-garden guesthouse and tea banquet",
        ),
        "getting_there": (
            "<p>广州南站乘高铁至都匀东站（约3.5小时），打车约30分钟到茶博园。</p>",
            "<p>High-speed train from Guangzhou South to Duyun East (about 3.5 h), then about 30 min by taxi to the tea park.</p>",
        ),
        "tips": (
            "<p>明前茶采摘在3月中旬至4月初，请提前预订民宿。采茶时请戴帽、穿长袖防晒。</p>",
            "<p>Pre-Qingming picking runs from mid-March to early April: book the guesthouse early. Wear a hat and long sleeves in the gardens.</p>",
        ),
        "itinerary": [
            {
                "title": ("广州—都匀，茶博园", "Guangzhou to Duyun, tea expo park"),
                "description": ("参观都匀毛尖茶文化，下午到茶园采茶。", "Learn about Maojian tea culture, then pick tea in the afternoon."),
                "stops": [
                    ("都匀毛尖茶博园", "Duyun Maojian tea expo park", "duyun", "26.220000", "107.470000", "茶文化展馆与万亩茶海。", "Tea culture halls and a sea of tea bushes."),
                    ("毛尖镇螺丝壳茶园", "Luosike tea gardens, Maojian town", "duyun", "26.330000", "107.370000", "跟茶农采摘一芽一叶，晚上住茶山民宿。", "Pick one bud and one leaf with the growers; night in a tea-garden guesthouse."),
                ],
            },
            {
                "title": ("手工炒茶—返程", "Hand-roasting tea, back to Guangzhou"),
                "description": ("在茶厂学杀青、揉捻、提毫，带走自己炒的茶。", "Learn fixing, rolling and drying in a tea workshop and take your own tea home."),
                "stops": [
                    ("毛尖镇制茶工坊", "Maojian town tea workshop", "duyun", "26.318000", "107.382000", "约2小时手工炒茶体验。", "About two hours of hand roasting."),
                    ("都匀石板街", "Duyun Stone Slab Street", "duyun", "26.259400", "107.518800", "老街品茶、选购毛尖后乘高铁返程。", "Tea in the old street, buy Maojian, then the train home."),
                ],
            },
        ],
    },
    {
        "slug": "sandu-shui-culture",
        "county": "sandu",
        "title": ("三都水族文化体验三日游", "Sandu Shui culture, 3 days"),
        "summary": ("水书、马尾绣与端节：走进水族村寨。", "Shui script, horsetail embroidery and the Duan festival in Shui villages."),
        "days": 3, "price": D("1580.00"), "months": ("9–11月", "Sep–Nov"),
        "theme": "ethnic", "seasons": "autumn",
        "highlights": (
            "全国唯一的水族自治县\n国家级非遗水书与马尾绣\n水族端节赛马与鱼包韭菜",
            "China's only Shui autonomous county\nShui script and horsetail embroidery, both national heritage\nDuan festival horse races and fish stuffed with chives",
        ),
        "getting_there": (
            "<p>广州南站乘高铁至三都县站（约3.5小时），县城打车约15分钟。</p>",
            "<p>High-speed train from Guangzhou South to Sandu County (about 3.5 h), then about 15 min by taxi into town.</p>",
        ),
        "tips": (
            "<p>端节按水历在秋收后分批举行（约农历八月至十月），出发前请确认日期。进入村寨请尊重习俗，拍摄人物前先征得同意。</p>",
            "<p>The Duan festival is held in turns after the harvest (roughly the 8th–10th lunar month): check the dates first. Respect village customs and ask before photographing people.</p>",
        ),
        "itinerary": [
            {
                "title": ("广州—三都，水族文化", "Guangzhou to Sandu, Shui culture"),
                "description": ("参观水书文化博物馆，晚上观看水族歌舞。", "Visit the Shui script museum and a Shui song-and-dance evening."),
                "stops": [
                    ("中国水书文化博物馆", "Shui script museum", "sandu", "25.983200", "107.869800", "被称为“活着的象形文字”。", "A 'living pictographic script'."),
                    ("三都水族村寨", "Shui village, Sandu", "sandu", "25.980000", "107.870000", "住水族吊脚楼，品鱼包韭菜。", "Stay in a stilt house; fish stuffed with chives for dinner."),
                ],
            },
            {
                "title": ("马尾绣与怎雷村", "Horsetail embroidery and Zenlei village"),
                "description": ("跟绣娘学马尾绣，下午游览怎雷水族古寨。", "Learn horsetail embroidery, then Zenlei old village."),
                "stops": [
                    ("板告马尾绣村", "Bangao embroidery village", "sandu", "25.890000", "107.830000", "绣娘手把手教马尾绣。", "Embroiderers teach the horsetail stitch."),
                    ("怎雷水族古寨", "Zenlei Shui village", "sandu", "25.910000", "107.960000", "保存完好的干栏式建筑群。", "Well-preserved stilt architecture."),
                ],
            },
            {
                "title": ("都江古城—返程", "Dujiang old town, back to Guangzhou"),
                "description": ("走访明清都江古城，午后返回广州。", "Walk the Ming–Qing walls of Dujiang, then head home."),
                "stops": [
                    ("都江古城", "Dujiang old town", "sandu", "26.070000", "108.140000", "古城墙与都柳江风光。", "Old walls above the Duliu river."),
                    ("三都县站", "Sandu County station", "sandu", "25.965000", "107.845000", "乘高铁返回广州南站。", "Train back to Guangzhou South."),
                ],
            },
        ],
    },
]
