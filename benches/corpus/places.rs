//! Building the registry: central bodies, provinces, districts and communes.

use super::bodies::{place_names, Central, District, Party, Province, Registry, SECOND, THIRD};
use super::text::{slug, PROVINCES};
use std::collections::BTreeSet;

impl Registry {
    pub fn build(rng: &mut fastrand::Rng, documents: usize, provinces: Option<usize>) -> Registry {
        let mut r = Registry {
            bodies: Vec::new(),
            groups: Vec::new(),
            central: Central {
                bct: 0,
                bbt: 0,
                btctw: 0,
                vptw: 0,
                guides: Vec::new(),
                leads: Vec::new(),
                press: Vec::new(),
                recipients: Vec::new(),
            },
            provinces: Vec::new(),
            ids: BTreeSet::new(),
        };
        let tw = "Trung ương";
        let s = |x: &str| x.to_string();
        let bch = r.body(
            s("Ban Chấp hành Trung ương Đảng"),
            vec![s("BCH Trung ương"), s("BCHTW")],
            None,
            tw,
            "TW",
            false,
        );
        let bct = r.body(
            s("Bộ Chính trị"),
            vec![s("BCT")],
            Some(bch),
            tw,
            "TW",
            false,
        );
        let bbt = r.body(
            s("Ban Bí thư"),
            vec![s("Ban Bí thư Trung ương Đảng")],
            Some(bch),
            tw,
            "TW",
            false,
        );
        let btctw = r.body(
            s("Ban Tổ chức Trung ương"),
            vec![s("BTCTW"), s("Ban Tổ chức TW")],
            Some(bch),
            tw,
            "BTCTW",
            false,
        );
        let vptw = r.body(
            s("Văn phòng Trung ương Đảng"),
            vec![s("VPTW")],
            Some(bch),
            tw,
            "VPTW",
            false,
        );
        let ubkt = r.body(
            s("Ủy ban Kiểm tra Trung ương"),
            vec![s("UBKTTW")],
            Some(bch),
            tw,
            "UBKTTW",
            false,
        );
        let tgdv = r.body(
            s("Ban Tuyên giáo và Dân vận Trung ương"),
            vec![s("BTGDVTW")],
            Some(bch),
            tw,
            "BTGDVTW",
            false,
        );
        let btg = r.body(
            s("Ban Tuyên giáo Trung ương"),
            vec![s("BTGTW")],
            Some(bch),
            tw,
            "BTGTW",
            false,
        );
        let bdv = r.body(
            s("Ban Dân vận Trung ương"),
            vec![s("BDVTW")],
            Some(bch),
            tw,
            "BDVTW",
            false,
        );
        let csct = r.body(
            s("Ban Chính sách, chiến lược Trung ương"),
            vec![],
            Some(bch),
            tw,
            "BCSCLTW",
            false,
        );
        let bkt = r.body(
            s("Ban Kinh tế Trung ương"),
            vec![s("BKTTW")],
            Some(bch),
            tw,
            "BKTTW",
            false,
        );
        let bnc = r.body(
            s("Ban Nội chính Trung ương"),
            vec![s("BNCTW")],
            Some(bch),
            tw,
            "BNCTW",
            false,
        );
        let bdn = r.body(
            s("Ban Đối ngoại Trung ương"),
            vec![],
            Some(bch),
            tw,
            "BĐNTW",
            false,
        );
        r.cease(btg, "2025-02-28", tgdv);
        r.cease(bdv, "2025-02-28", tgdv);
        r.cease(bkt, "2025-02-28", csct);
        let cp = r.body(s("Chính phủ"), vec![], None, tw, "CP", true);
        let mut ministries = Vec::new();
        for (name, code) in [
            ("Bộ Nội vụ", "BNV"),
            ("Bộ Tài chính", "BTC"),
            ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
            ("Bộ Công an", "BCA"),
            ("Bộ Ngoại giao", "BNG"),
            ("Bộ Khoa học và Công nghệ", "BKHCN"),
            ("Bộ Nông nghiệp và Môi trường", "BNNMT"),
            ("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL"),
        ] {
            ministries.push(r.body(s(name), vec![], Some(cp), tw, code, true));
        }
        for (name, until, succ) in [
            ("Bộ Kế hoạch và Đầu tư", "2025-02-28", 1),
            ("Bộ Thông tin và Truyền thông", "2025-02-28", 5),
            ("Bộ Lao động - Thương binh và Xã hội", "2025-02-28", 0),
            ("Bộ Tài nguyên và Môi trường", "2025-02-28", 6),
        ] {
            let b = r.body(s(name), vec![], Some(cp), tw, "BO", true);
            r.cease(b, until, ministries[succ]);
        }
        let press = vec![
            r.body(
                s("Tạp chí Xây dựng Đảng"),
                vec![s("xaydungdang.org.vn")],
                Some(btctw),
                tw,
                "TCXDĐ",
                false,
            ),
            r.body(
                s("Báo Nhân Dân"),
                vec![s("nhandan.vn")],
                None,
                tw,
                "BND",
                false,
            ),
            r.body(
                s("Tạp chí Cộng sản"),
                vec![s("tapchicongsan.org.vn")],
                None,
                tw,
                "TCCS",
                false,
            ),
        ];
        let bans = vec![btctw, ubkt, tgdv, btg, bdv, bkt, csct, bnc, bdn, vptw];
        let g_bans = r.group(
            s("Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương"),
            vec![s(
                "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc Trung ương",
            )],
            bans,
        );
        let g_bo = r.group(s("Các bộ, ngành Trung ương"), vec![], ministries.clone());
        r.central = Central {
            bct,
            bbt,
            btctw,
            vptw,
            guides: vec![btctw, vptw, ubkt, tgdv, csct, bnc],
            leads: [btctw, vptw, ubkt, tgdv, csct, bnc, cp]
                .into_iter()
                .chain(ministries.iter().copied())
                .map(Party::Body)
                .chain([g_bans, g_bo])
                .collect(),
            press,
            recipients: vec![g_bans, g_bo, Party::Body(vptw), Party::Body(bch)],
        };

        // Provinces: a handful for small sites, all 63 for large ones (or as asked).
        let count = provinces
            .unwrap_or(4 + documents / 1000)
            .clamp(1, PROVINCES.len());
        let mut order: Vec<usize> = (0..PROVINCES.len()).collect();
        rng.shuffle(&mut order);
        order.truncate(count);
        order.sort_unstable();
        let mut used = BTreeSet::new();
        let mut district_names = place_names(rng, SECOND).into_iter();
        let mut commune_names = place_names(rng, THIRD).into_iter();
        let mut tinh_uys = Vec::new();
        for (pi, &o) in order.iter().enumerate() {
            let (pname, city) = PROVINCES[o];
            let (tu, tu_short, tinh) = if city {
                ("Thành ủy", "ThU", "thành phố")
            } else {
                ("Tỉnh ủy", "TU", "tỉnh")
            };
            let tl = "Tỉnh";
            let tuy = r.body(
                format!("{tu} {pname}"),
                vec![format!("Ban Chấp hành Đảng bộ {tinh} {pname}")],
                None,
                tl,
                if city { "ThU" } else { "TU" },
                false,
            );
            tinh_uys.push(tuy);
            let code_tu = r.bodies[tuy].code;
            let btv = r.body(
                format!("Ban Thường vụ {tu} {pname}"),
                vec![format!("BTV {tu_short} {pname}")],
                Some(tuy),
                tl,
                code_tu,
                false,
            );
            let tt = r.body(
                format!("Thường trực {tu} {pname}"),
                vec![format!("TT{tu_short} {pname}")],
                Some(tuy),
                tl,
                code_tu,
                false,
            );
            let vp = r.body(
                format!("Văn phòng {tu} {pname}"),
                vec![format!("VP{tu_short} {pname}")],
                Some(tuy),
                tl,
                if city { "VPThU" } else { "VPTU" },
                false,
            );
            let btc = r.body(
                format!("Ban Tổ chức {tu} {pname}"),
                vec![format!("BTC {tu_short} {pname}")],
                Some(tuy),
                tl,
                if city { "BTCThU" } else { "BTCTU" },
                false,
            );
            let ubkt = r.body(
                format!("Ủy ban Kiểm tra {tu} {pname}"),
                vec![format!("UBKT {tu_short} {pname}")],
                Some(tuy),
                tl,
                if city { "UBKTThU" } else { "UBKTTU" },
                false,
            );
            let tgdv = r.body(
                format!("Ban Tuyên giáo và Dân vận {tu} {pname}"),
                vec![],
                Some(tuy),
                tl,
                if city { "BTGDVThU" } else { "BTGDVTU" },
                false,
            );
            let mut bans = vec![btc, ubkt, tgdv, vp];
            if pi % 3 == 0 {
                let btg = r.body(
                    format!("Ban Tuyên giáo {tu} {pname}"),
                    vec![],
                    Some(tuy),
                    tl,
                    "BTGTU",
                    false,
                );
                let bdv = r.body(
                    format!("Ban Dân vận {tu} {pname}"),
                    vec![],
                    Some(tuy),
                    tl,
                    "BDVTU",
                    false,
                );
                r.cease(btg, "2025-02-28", tgdv);
                r.cease(bdv, "2025-02-28", tgdv);
                bans.extend([btg, bdv]);
            }
            let ubnd = r.body(
                format!("Ủy ban nhân dân {tinh} {pname}"),
                vec![format!("UBND {tinh} {pname}")],
                None,
                tl,
                "UBND",
                true,
            );
            let vpub = r.body(
                format!("Văn phòng Ủy ban nhân dân {tinh} {pname}"),
                vec![format!("VP UBND {tinh} {pname}")],
                Some(ubnd),
                tl,
                "VPUBND",
                true,
            );
            let mut sos = Vec::new();
            for (so, code, abbr) in [
                ("Sở Nội vụ", "SNV", "SNV"),
                ("Sở Tài chính", "STC", "STC"),
                ("Sở Giáo dục và Đào tạo", "SGDĐT", "SGDĐT"),
                ("Sở Khoa học và Công nghệ", "SKHCN", "SKHCN"),
            ] {
                sos.push(r.body(
                    format!("{so} {tinh} {pname}"),
                    vec![format!("{abbr} {pname}")],
                    Some(ubnd),
                    tl,
                    code,
                    true,
                ));
            }
            let g_bans = r.group(
                format!("Các ban đảng, ban cán sự đảng, đảng đoàn {tu} {pname}"),
                vec![],
                bans.clone(),
            );
            let g_sos = r.group(
                format!("Các sở, ban, ngành {tinh} {pname}"),
                vec![format!("Các sở, ban, ngành thuộc UBND {tinh} {pname}")],
                sos.clone(),
            );

            let n_districts = 2 + rng.usize(0..3);
            let mut districts = Vec::new();
            let mut huyen_uys = Vec::new();
            for di in 0..n_districts {
                // Names that differ only in accents ("Hòa Thành", "Hòa Thạnh") would share an id.
                let Some(dname) = district_names.find(|n| used.insert(slug(n))) else {
                    break;
                };
                let hl = "Huyện";
                let huy = r.body(
                    format!("Huyện ủy {dname}"),
                    vec![format!("Ban Chấp hành Đảng bộ huyện {dname}")],
                    Some(tuy),
                    hl,
                    "HU",
                    false,
                );
                huyen_uys.push(huy);
                let dbtv = r.body(
                    format!("Ban Thường vụ Huyện ủy {dname}"),
                    vec![format!("BTV HU {dname}")],
                    Some(huy),
                    hl,
                    "HU",
                    false,
                );
                let dvp = r.body(
                    format!("Văn phòng Huyện ủy {dname}"),
                    vec![format!("VPHU {dname}")],
                    Some(huy),
                    hl,
                    "VPHU",
                    false,
                );
                let dbtc = r.body(
                    format!("Ban Tổ chức Huyện ủy {dname}"),
                    vec![format!("BTC HU {dname}")],
                    Some(huy),
                    hl,
                    "BTCHU",
                    false,
                );
                let dub = r.body(
                    format!("Ủy ban nhân dân huyện {dname}"),
                    vec![format!("UBND huyện {dname}")],
                    None,
                    hl,
                    "UBND",
                    true,
                );
                let dpnv = r.body(
                    format!("Phòng Nội vụ huyện {dname}"),
                    vec![],
                    Some(dub),
                    hl,
                    "PNV",
                    true,
                );
                let mut communes = Vec::new();
                for _ in 0..1 + rng.usize(0..2) {
                    if let Some(cname) = commune_names.next() {
                        communes.push(r.body(
                            format!("Đảng ủy xã {cname}"),
                            vec![],
                            Some(huy),
                            "Xã",
                            "ĐU",
                            false,
                        ));
                    }
                }
                let g_chi = r.group(
                    format!("Các chi, đảng bộ trực thuộc Huyện ủy {dname}"),
                    vec![],
                    communes.clone(),
                );
                let g_tm = r.group(
                    format!("Các cơ quan tham mưu, giúp việc Huyện ủy {dname}"),
                    vec![],
                    vec![dvp, dbtc],
                );
                districts.push(District {
                    name: dname.clone(),
                    folder: format!("huyen-{:02}", di + 1),
                    btv: dbtv,
                    vphu: dvp,
                    issuers: vec![dbtv, dbtv, dbtv, dub, dbtc],
                    leads: [dvp, dbtc, dub, dpnv]
                        .into_iter()
                        .chain(communes.iter().copied())
                        .map(Party::Body)
                        .chain([g_chi, g_tm])
                        .collect(),
                    recipients: vec![g_chi, g_tm, Party::Body(huy), Party::Body(dub)],
                    communes,
                });
            }
            let g_huyen = r.group(
                format!("Các huyện ủy, thị ủy, thành ủy trực thuộc {tu} {pname}"),
                vec![format!(
                    "Các huyện ủy, thị uỷ, thành uỷ trực thuộc {tu} {pname}"
                )],
                huyen_uys.clone(),
            );
            let g_all = r.group(
                format!("Các cơ quan, đơn vị, địa phương {tinh} {pname}"),
                vec![],
                bans.iter().chain(&sos).chain(&huyen_uys).copied().collect(),
            );
            let mut leads: Vec<Party> = [btc, ubkt, tgdv, vp, ubnd, vpub]
                .into_iter()
                .chain(sos.iter().copied())
                .map(Party::Body)
                .collect();
            leads.extend([g_bans, g_sos, g_huyen, g_all]);
            r.provinces.push(Province {
                name: pname.to_string(),
                folder: format!("tinh-{:02}", pi + 1),
                btv,
                vptu: vp,
                issuers: vec![btv, btv, btv, tt, btc, tgdv],
                state_issuers: vec![ubnd, ubnd, sos[0], sos[1]],
                leads,
                recipients: vec![g_bans, g_huyen, g_sos, Party::Body(tuy), Party::Body(vp)],
                districts,
            });
        }
        let g_tinh = r.group(
            s("Các tỉnh ủy, thành ủy"),
            vec![s("Các tỉnh uỷ, thành uỷ")],
            tinh_uys.clone(),
        );
        r.central.leads.push(g_tinh);
        r.central.recipients.insert(0, g_tinh);
        r
    }
}
