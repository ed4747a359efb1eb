//! The chains of documents: national roots, central guidance and copies, provincial plans,
//! copies and reports, district and commune documents below them, news items.

use super::bodies::Party;
use super::text::{civil, pick, TARGETS};
use super::{Gen, Level};

impl Gen {
    pub(super) fn task_count(&mut self) -> usize {
        *pick(&mut self.rng, &[1, 2, 2, 3, 3, 3, 4, 4, 5, 6]) + self.extra_tasks
    }

    pub(super) fn root(&mut self) {
        let c = &self.reg.central;
        let (bct, bbt, btctw, recipients) = (c.bct, c.bbt, c.btctw, c.recipients.clone());
        let (kind, issuer) = *pick(
            &mut self.rng,
            &[
                ("Kết luận", bct),
                ("Kết luận", bct),
                ("Chỉ thị", bbt),
                ("Chỉ thị", bct),
                ("Thông báo", bbt),
            ],
        );
        let r = self.add(
            kind,
            issuer,
            Level::Central,
            vec![],
            None,
            usize::MAX,
            recipients,
            &[],
        );
        if let Some(&prev) = self.roots.last() {
            if self.rng.u32(0..10) < 3 && self.docs[prev].date <= self.docs[r].date {
                self.docs[r].follows = vec![prev];
            }
        }
        self.docs[r].empty = false;
        self.docs[r].dated = true;
        if self.rng.bool() {
            let mut t: Vec<usize> = (0..TARGETS.len()).collect();
            self.rng.shuffle(&mut t);
            t.truncate(2 + self.rng.usize(0..3));
            self.docs[r].targets = t;
        }
        let n = self.task_count();
        self.tasks(r, n);
        self.roots.push(r);
        self.central.push(r);
        // The proposal the root was decided on: known by its number only.
        if self.docs.len() < self.limit && self.rng.bool() {
            let t = self.add(
                "Tờ trình",
                btctw,
                Level::Central,
                vec![],
                None,
                r,
                vec![],
                &[],
            );
            self.docs[t].date = self.docs[r].date - self.rng.i32(20..90);
            self.docs[t].empty = true;
            self.docs[t].dated = true;
            self.docs[t].follows.clear();
            self.docs[r].references.push(t);
        }
    }

    pub(super) fn any_root(&mut self) -> usize {
        *pick(&mut self.rng, &self.roots.clone())
    }

    pub(super) fn central_doc(&mut self) {
        let root = self.any_root();
        let recipients = self.reg.central.recipients.clone();
        if self.rng.u32(0..3) == 0 {
            let vptw = self.reg.central.vptw;
            self.add(
                "Bản sao",
                vptw,
                Level::Central,
                vec![],
                Some(root),
                root,
                recipients,
                &[],
            );
            return;
        }
        let issuer = *pick(&mut self.rng, &self.reg.central.guides.clone());
        let kind = *pick(
            &mut self.rng,
            &["Hướng dẫn", "Kế hoạch", "Quyết định", "Công văn"],
        );
        let d = self.add(
            kind,
            issuer,
            Level::Central,
            vec![root],
            None,
            root,
            recipients,
            &[],
        );
        let n = self.task_count();
        self.tasks(d, n);
        self.central.push(d);
    }

    pub(super) fn province(&mut self) -> usize {
        self.rng.usize(0..self.reg.provinces.len())
    }

    pub(super) fn provincial_plan(&mut self, p: usize) {
        let central = self.central.clone();
        let parent = if self.rng.u32(0..10) < 7 {
            self.any_root()
        } else {
            *pick(&mut self.rng, &central)
        };
        let root = self.docs[parent].root;
        let mut parents = vec![parent];
        if parent != root && self.rng.u32(0..3) == 0 {
            parents.push(root);
        }
        let pr = &self.reg.provinces[p];
        let (issuers, recipients) = (pr.issuers.clone(), pr.recipients.clone());
        let issuer = *pick(&mut self.rng, &issuers);
        let kind = *pick(
            &mut self.rng,
            &[
                "Kế hoạch",
                "Kế hoạch",
                "Kế hoạch",
                "Công văn",
                "Công văn",
                "Chỉ thị",
                "Quyết định",
                "Thông báo",
            ],
        );
        let d = self.add(
            kind,
            issuer,
            Level::Province(p),
            parents,
            None,
            root,
            recipients,
            &[],
        );
        if !self.docs[d].implements.contains(&root) && self.rng.bool() {
            self.docs[d].references.push(root);
        }
        let n = self.task_count();
        self.tasks(d, n);
        self.prov_plans[p].push(d);
    }

    pub(super) fn provincial_state_plan(&mut self, p: usize) {
        if self.prov_plans[p].is_empty() {
            return self.provincial_plan(p);
        }
        let parent = *pick(&mut self.rng, &self.prov_plans[p].clone());
        let root = self.docs[parent].root;
        let pr = &self.reg.provinces[p];
        let (issuers, recipients) = (pr.state_issuers.clone(), pr.recipients.clone());
        let issuer = *pick(&mut self.rng, &issuers);
        let kind = *pick(
            &mut self.rng,
            &["Kế hoạch", "Kế hoạch", "Quyết định", "Công văn"],
        );
        let d = self.add(
            kind,
            issuer,
            Level::Province(p),
            vec![parent],
            None,
            root,
            recipients,
            &[],
        );
        if self.rng.u32(0..12) == 0 {
            self.docs[d].dated = false;
        }
        self.docs[d].references.push(root);
        let n = self.task_count();
        self.tasks(d, n);
        self.prov_plans[p].push(d);
    }

    pub(super) fn provincial_copy(&mut self, p: usize) {
        let source = *pick(&mut self.rng, &self.central.clone());
        let root = self.docs[source].root;
        let pr = &self.reg.provinces[p];
        let (vptu, recipients) = (pr.vptu, pr.recipients.clone());
        let d = self.add(
            "Bản sao",
            vptu,
            Level::Province(p),
            vec![],
            Some(source),
            root,
            recipients,
            &[],
        );
        self.prov_copies[p].push(d);
    }

    pub(super) fn district(&mut self, p: usize) -> usize {
        self.rng.usize(0..self.reg.provinces[p].districts.len())
    }

    pub(super) fn district_plan(&mut self, p: usize) {
        if self.prov_plans[p].is_empty() {
            return self.provincial_plan(p);
        }
        let di = self.district(p);
        let parent = *pick(&mut self.rng, &self.prov_plans[p].clone());
        let root = self.docs[parent].root;
        let dist = &self.reg.provinces[p].districts[di];
        let (issuers, recipients) = (dist.issuers.clone(), dist.recipients.clone());
        let issuer = *pick(&mut self.rng, &issuers);
        let kind = *pick(
            &mut self.rng,
            &[
                "Kế hoạch",
                "Kế hoạch",
                "Công văn",
                "Thông báo",
                "Quyết định",
            ],
        );
        let d = self.add(
            kind,
            issuer,
            Level::District(p, di),
            vec![parent],
            None,
            root,
            recipients,
            &[],
        );
        if self.rng.u32(0..3) == 0 {
            self.docs[d].references.push(root);
        }
        let n = self.task_count();
        self.tasks(d, n);
        self.dist_plans[p][di].push(d);
    }

    pub(super) fn commune_plan(&mut self, p: usize) {
        let di = self.district(p);
        let communes = self.reg.provinces[p].districts[di].communes.clone();
        if self.dist_plans[p][di].is_empty() || communes.is_empty() {
            return self.district_plan(p);
        }
        let parent = *pick(&mut self.rng, &self.dist_plans[p][di].clone());
        let root = self.docs[parent].root;
        let issuer = *pick(&mut self.rng, &communes);
        let recipients = vec![Party::Body(self.reg.provinces[p].districts[di].btv)];
        let kind = *pick(&mut self.rng, &["Kế hoạch", "Công văn"]);
        let d = self.add(
            kind,
            issuer,
            Level::District(p, di),
            vec![parent],
            None,
            root,
            recipients,
            &[],
        );
        let n = self.task_count();
        self.tasks(d, n);
    }

    pub(super) fn district_copy(&mut self, p: usize) {
        let di = self.district(p);
        let pool = if !self.prov_copies[p].is_empty() && self.rng.u32(0..3) != 0 {
            self.prov_copies[p].clone()
        } else if !self.prov_plans[p].is_empty() {
            self.prov_plans[p].clone()
        } else {
            return self.provincial_copy(p);
        };
        let source = *pick(&mut self.rng, &pool);
        let root = self.docs[source].root;
        let dist = &self.reg.provinces[p].districts[di];
        let (vphu, recipients) = (dist.vphu, dist.recipients.clone());
        self.add(
            "Bản sao",
            vphu,
            Level::District(p, di),
            vec![],
            Some(source),
            root,
            recipients,
            &[],
        );
    }

    pub(super) fn report(&mut self, p: usize) {
        if self.prov_plans[p].is_empty() {
            return self.provincial_plan(p);
        }
        let about = *pick(&mut self.rng, &self.prov_plans[p].clone());
        let root = self.docs[about].root;
        let (level, issuer, recipients) = if self.rng.bool() {
            let pr = &self.reg.provinces[p];
            (
                Level::Province(p),
                pr.btv,
                vec![Party::Body(self.reg.central.btctw)],
            )
        } else {
            let di = self.district(p);
            let dist = &self.reg.provinces[p].districts[di];
            (
                Level::District(p, di),
                dist.btv,
                vec![Party::Body(self.reg.provinces[p].btv)],
            )
        };
        let d = self.add(
            "Báo cáo",
            issuer,
            level,
            vec![],
            None,
            root,
            recipients,
            &[about],
        );
        self.docs[d].references = vec![about];
        self.results(d, root);
        let n = self.rng.usize(0..3);
        self.tasks(d, n);
    }

    pub(super) fn results(&mut self, d: usize, root: usize) {
        let targets = self.docs[root].targets.clone();
        if targets.is_empty() {
            return;
        }
        let first = civil(self.docs[root].date).0;
        let last = civil(self.docs[d].date).0.max(first);
        for t in targets {
            if self.rng.u32(0..3) == 0 {
                continue;
            }
            let year = first + self.rng.i32(0..=last - first);
            let base = TARGETS[t].3;
            let value = base / 2 + self.rng.u32(0..base);
            self.docs[d].results.push((t, year, value));
        }
    }

    pub(super) fn news(&mut self) {
        let about = self.rng.usize(0..self.docs.len());
        let root = self.docs[about].root;
        let issuer = *pick(&mut self.rng, &self.reg.central.press.clone());
        let d = self.add(
            "Tin bài",
            issuer,
            Level::Press,
            vec![],
            None,
            root,
            vec![],
            &[about],
        );
        self.docs[d].references = vec![about];
        if about != root {
            self.docs[d].references.push(root);
        }
        self.docs[d].follows.clear();
        self.results(d, root);
    }
}
