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
    "jinsha": ("金沙县贡茶产销农民专业合作社", 88),
    "dafang": ("大方县天麻与漆器产业农民专业合作社", 214),
    "nayong": ("纳雍县玛瑙红樱桃种植农民专业合作社", 301),
    "qianxi": ("黔西市化屋村苗绣与生态米农民专业合作社", 97),
    "zhijin": ("织金县竹荪种植农民专业合作社", 265),
    "weining": ("威宁县高原洋芋种植农民专业合作社", 412),
    "hezhang": ("赫章县核桃种植农民专业合作社", 338),
    "baili-dujuan": ("百里杜鹃管理区蜂蜜农民专业合作社", 64),
    "jinhaihu": ("金海湖新区蓝莓种植农民专业合作社", 52),
    "changshun": ("长顺县绿壳鸡蛋养殖农民专业合作社", 187),
    "luodian": ("罗甸县火龙果种植农民专业合作社", 243),
    "fuquan": ("福泉市金谷福梨种植农民专业合作社", 76),
    "wengan": ("瓮安县黄金芽茶叶农民专业合作社", 91),
    "pingtang": ("平塘县牙舟陶与百香果农民专业合作社", 158),
    "libo": ("荔波县蜜柚种植农民专业合作社", 196),
    "duyun": ("都匀市毛尖茶产销农民专业合作社", 143),
    "dushan": ("独山县盐酸菜加工农民专业合作社", 118),
    "sandu": ("三都水族自治县马尾绣与九阡李农民专业合作社", 229),
    "guiding": ("贵定县云雾贡茶农民专业合作社", 84),
    "longli": ("龙里县刺梨种植农民专业合作社", 132),
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

ROUTES = [
    {
        "slug": "baili-dujuan-huahai",
        "county": "baili-dujuan",
        "title": ("百里杜鹃花海三日游", "Baili Dujuan azalea sea, 3 days"),
        "summary": ("世界最大的天然杜鹃林，每年3–5月漫山花海。", "The world's largest natural azalea forest, in bloom March to May."),
        "days": 3, "price": D("1680.00"), "months": ("3–5月", "Mar–May"),
    },
    {
        "slug": "zhijin-cave",
        "county": "zhijin",
        "title": ("织金洞地质奇观两日游", "Zhijin Cave, 2 days"),
        "summary": ("“溶洞之王”织金洞与织金古城，洞中四季恒温。", "The 'king of karst caves' and Zhijin old town; the cave stays cool all year."),
        "days": 2, "price": D("1280.00"), "months": ("全年", "All year"),
    },
    {
        "slug": "libo-xiaoqikong",
        "county": "libo",
        "title": ("荔波小七孔世界遗产三日游", "Libo Xiaoqikong world heritage, 3 days"),
        "summary": ("喀斯特森林里的翡翠之水：小七孔、大七孔与瑶山古寨。", "Emerald water in a karst forest: Xiaoqikong, Daqikong and Yaoshan village."),
        "days": 3, "price": D("1980.00"), "months": ("4–10月", "Apr–Oct"),
    },
    {
        "slug": "pingtang-fast",
        "county": "pingtang",
        "title": ("平塘“中国天眼”科普研学两日游", "Pingtang FAST telescope science trip, 2 days"),
        "summary": ("走近500米口径球面射电望远镜，亲子科普研学首选。", "See the 500-metre FAST radio telescope; a science trip for families."),
        "days": 2, "price": D("1380.00"), "months": ("全年", "All year"),
    },
    {
        "slug": "duyun-maojian-tea",
        "county": "duyun",
        "title": ("都匀毛尖茶旅两日游", "Duyun Maojian tea trail, 2 days"),
        "summary": ("在毛尖茶园采茶、炒茶，住茶山民宿。", "Pick and roast Maojian tea and stay in a tea-garden guesthouse."),
        "days": 2, "price": D("980.00"), "months": ("3–4月", "Mar–Apr"),
    },
    {
        "slug": "sandu-shui-culture",
        "county": "sandu",
        "title": ("三都水族文化体验三日游", "Sandu Shui culture, 3 days"),
        "summary": ("水书、马尾绣与端节：走进水族村寨。", "Shui script, horsetail embroidery and the Duan festival in Shui villages."),
        "days": 3, "price": D("1580.00"), "months": ("9–11月", "Sep–Nov"),
    },
]
